package dev.ingestor.split;

import java.util.Iterator;
import java.util.List;

import dev.ingestor.extract.ExtractedDocument;
import dev.ingestor.extract.Page;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where chunks are cut: paragraphs first, then sentences, then words; with the configured
 * overlap; within a page; covering all the text; lazily, in windows, for text of any size.
 */
class TextSplitterTests {

	static final ModelTokenizer TOKENIZER = ModelTokenizer.fromClasspath(ModelTokenizer.MINILM);

	@Test
	void paragraphsThatFitStayWhole() {
		String paragraph = "The worker reads the queue and indexes every document it finds there.";
		String text = String.join("\n\n", paragraph, paragraph, paragraph, paragraph, paragraph, paragraph);

		List<TextChunk> chunks = new TextSplitter(40, 0, TOKENIZER).split(document(text));

		assertThat(chunks).hasSizeGreaterThan(1).allSatisfy(chunk -> assertThat(chunk.text()).startsWith("The worker")
			.endsWith("there."));
	}

	@Test
	void aLongParagraphIsCutAtSentenceEnds() {
		String text = "One short sentence about the queue. Another sentence about the storage directory. ".repeat(30);

		List<TextChunk> chunks = new TextSplitter(60, 0, TOKENIZER).split(document(text));

		assertThat(chunks).hasSizeGreaterThan(3).allSatisfy(chunk -> assertThat(chunk.text()).endsWith("."));
	}

	@Test
	void consecutiveChunksOverlapByAboutTheConfiguredTokens() {
		String text = LongText.words(2000);

		List<TextChunk> chunks = new TextSplitter(100, 20, TOKENIZER).split(document(text));

		for (int i = 1; i < chunks.size(); i++) {
			String previous = chunks.get(i - 1).text();
			String head = chunks.get(i).text().substring(0, 30);
			assertThat(previous).as("chunk %d starts inside chunk %d", i, i - 1).contains(head);
			assertThat(TOKENIZER.count(previous.substring(previous.lastIndexOf(head)))).isBetween(10, 20);
		}
	}

	@Test
	void chunksCoverTheWholeTextInOrderAndKeepTheirPage() {
		String text = LongText.words(5000);
		ExtractedDocument document = new ExtractedDocument("text", List.of(new Page(1, text), new Page(2, ""),
				new Page(3, text)));

		List<TextChunk> chunks = new TextSplitter(126, 0, TOKENIZER).split(document);

		assertThat(chunks).extracting(TextChunk::pageStart).containsOnly(1, 3).isSorted();
		assertThat(chunks).extracting(TextChunk::index).containsExactlyElementsOf(
				java.util.stream.IntStream.range(0, chunks.size()).boxed().toList());
		StringBuilder joined = new StringBuilder();
		chunks.stream().filter(chunk -> chunk.pageStart() == 1).forEach(chunk -> joined.append(chunk.text()).append(' '));
		assertThat(joined.toString().replaceAll("\\s+", "")).isEqualTo(text.replaceAll("\\s+", ""));
	}

	@Test
	void aHugeParagraphIsCutAcrossWindowsWithNothingLostOrRepeated() {
		// One line, no paragraph break, several windows long: cut in windows, never whole.
		String text = "id,name,amount,comment;".repeat(20 * PageCutter.WINDOW_CHARS / 23);

		Iterator<TextChunk> chunks = new TextSplitter(126, 0, TOKENIZER).chunks(document(text));

		StringBuilder joined = new StringBuilder();
		int count = 0;
		while (chunks.hasNext()) {
			TextChunk chunk = chunks.next();
			assertThat(chunk.tokenCount()).isLessThanOrEqualTo(126).isEqualTo(TOKENIZER.count(chunk.text()));
			joined.append(chunk.text());
			count++;
		}
		assertThat(joined.toString()).isEqualTo(text);
		assertThat(count).isGreaterThan(text.length() / (126 * 10));
	}

	@Test
	void sparseTextWithFewTokensPerWindowLosesNoWord() {
		// Fewer tokens in a window than in a chunk: every window ends a chunk, none may drop a word.
		// Single-token words, so that a window's last token is a whole word.
		StringBuilder text = new StringBuilder();
		for (String word : LongText.words(300).replace(".", "").split(" ")) {
			text.append(word).append(" ".repeat(3000));
		}

		List<TextChunk> chunks = new TextSplitter(126, 0, TOKENIZER).split(document(text.toString()));

		String joined = String.join(" ", chunks.stream().map(TextChunk::text).toList()).replaceAll("\\s+", " ");
		assertThat(joined).isEqualTo(text.toString().trim().replaceAll("\\s+", " "));
	}

	private static ExtractedDocument document(String text) {
		return new ExtractedDocument("text", List.of(new Page(1, text)));
	}

}
