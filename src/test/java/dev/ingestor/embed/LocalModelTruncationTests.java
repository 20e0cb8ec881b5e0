package dev.ingestor.embed;

import java.util.List;

import dev.ingestor.extract.ExtractedDocument;
import dev.ingestor.extract.Page;
import dev.ingestor.split.ModelTokenizer;
import dev.ingestor.split.TextChunk;
import dev.ingestor.split.TextSplitter;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-process MiniLM reads 128 tokens and silently drops the rest. These tests show the
 * truncation, and that chunks cut by our splitter are read in full: changing a maximal chunk's
 * last words changes its vector.
 */
class LocalModelTruncationTests {

	static final EmbeddingModel MINILM = new AllMiniLmL6V2EmbeddingModel();

	static final ModelTokenizer TOKENS = ModelTokenizer.fromClasspath(ModelTokenizer.MINILM);

	static final TextSplitter SPLITTER = new TextSplitter(EmbeddingConfiguration.MINILM_MAX_INPUT_TOKENS, 16, TOKENS);

	@Test
	void minilmIgnoresEverythingAfterItsFirst128Tokens() {
		String head = words(200);
		assertThat(TOKENS.count(head)).isGreaterThan(130);

		float[] a = embed(head + " apples oranges pears");
		float[] b = embed(head + " volcanoes glaciers earthquakes");

		assertThat(cosine(a, b)).as("texts that differ only after token 128 embed the same").isGreaterThan(0.99999);
	}

	@Test
	void changingTheLastWordsOfAMaximalChunkChangesItsVector() {
		// One long sentence, so the splitter fills chunks word by word up to the limit.
		String sentence = words(400).replace(". ", " ");
		List<TextChunk> chunks = SPLITTER.split(new ExtractedDocument("text", List.of(new Page(1, sentence))));
		TextChunk maximal = chunks.stream().max((x, y) -> Integer.compare(x.tokenCount(), y.tokenCount())).orElseThrow();
		assertThat(maximal.tokenCount()).isBetween(EmbeddingConfiguration.MINILM_MAX_INPUT_TOKENS - 2,
				EmbeddingConfiguration.MINILM_MAX_INPUT_TOKENS);
		String text = maximal.text();
		int cut = text.lastIndexOf(' ', text.lastIndexOf(' ') - 1);
		String changed = text.substring(0, cut) + " volcanic glaciers";
		assertThat(TOKENS.count(changed)).isLessThanOrEqualTo(EmbeddingConfiguration.MINILM_MAX_INPUT_TOKENS);

		assertThat(cosine(embed(text), embed(changed))).as("the chunk's last words reach the model").isLessThan(0.9999);
	}

	@Test
	void noChunkOfALongDocumentIsLongerThanTheModelReads() {
		String longPage = words(3000) + "\n\n" + "Supercalifragilisticexpialidocious".repeat(40);

		List<TextChunk> chunks = SPLITTER.split(new ExtractedDocument("text", List.of(new Page(1, longPage))));

		assertThat(chunks).hasSizeGreaterThan(20);
		assertThat(chunks).allSatisfy(chunk -> assertThat(TOKENS.count(chunk.text()))
			.isLessThanOrEqualTo(EmbeddingConfiguration.MINILM_MAX_INPUT_TOKENS));
	}

	/** Ordinary prose-like words, different at every position, so every chunk is distinct. */
	static String words(int count) {
		String[] vocabulary = { "queue", "document", "storage", "worker", "chunk", "vector", "page", "model", "status",
				"version", "server", "report", "batch", "index", "text", "token" };
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append(vocabulary[(i * 7 + i / 16) % vocabulary.length]).append(i % 13 == 12 ? ". " : " ");
		}
		return text.toString().trim();
	}

	static float[] embed(String text) {
		return MINILM.embed(text).content().vector();
	}

	static double cosine(float[] a, float[] b) {
		double dot = 0, na = 0, nb = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
			na += a[i] * a[i];
			nb += b[i] * b[i];
		}
		return dot / Math.sqrt(na * nb);
	}

}
