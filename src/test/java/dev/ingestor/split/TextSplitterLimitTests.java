package dev.ingestor.split;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.ingestor.extract.ExtractedDocument;
import dev.ingestor.extract.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No chunk is longer than the model reads, counted the way the model counts: MiniLM's own
 * {@code tokenizer.json}, loaded here independently of the splitter, special tokens included
 * (128 in all). CJK and emoji used to give 127-token chunks, one over the limit.
 */
class TextSplitterLimitTests {

	static final int MINILM_READS = 128;

	static final TextSplitter SPLITTER = new TextSplitter(126, 16, ModelTokenizer.fromClasspath(ModelTokenizer.MINILM));

	static HuggingFaceTokenizer model;

	@BeforeAll
	static void loadTheModelsTokenizer() throws Exception {
		try (InputStream json = TextSplitterLimitTests.class.getResourceAsStream(ModelTokenizer.MINILM)) {
			model = HuggingFaceTokenizer.newInstance(json, Map.of("padding", "false", "truncation", "false"));
		}
	}

	@AfterAll
	static void close() {
		model.close();
	}

	@Test
	void chineseAndJapaneseChunksFitTheModel() {
		String cjk = "文档被切分成块，每一块都必须完整地进入模型。".repeat(60) + "\n\n"
				+ "日本語の文章もトークンに分けられ、モデルの上限を超えてはならない。".repeat(60) + "\n\n"
				+ "東京タワー😀".repeat(200);

		assertEveryChunkFits(cjk);
	}

	@Test
	void emojiChunksFitTheModel() {
		String emoji = "launch 🚀 day 🎉 with 😀😀😀 smiles 👍🏽 and flags 🇫🇷🇯🇵 ".repeat(100) + "\n\n" + "😀東京".repeat(300);

		assertEveryChunkFits(emoji);
	}

	@Test
	void longWordsAndUnbrokenStringsFitTheModel() {
		String words = "Donaudampfschifffahrtsgesellschaftskapitänsmütze ".repeat(100)
				+ "x7Qp9Lm2Zr".repeat(3000) + " " + "antidisestablishmentarianism,".repeat(300);

		assertEveryChunkFits(words);
	}

	@Test
	void mixedScriptsOnManyPagesFitTheModelAndKeepTheirPages() {
		String mixed = "Résumé: 东京 🗼 naïve café – Ωμέγα “quotes” ½ ™ 한국어 문장입니다. ".repeat(150);
		ExtractedDocument document = new ExtractedDocument("text", List.of(new Page(1, mixed), new Page(2, mixed)));

		List<TextChunk> chunks = SPLITTER.split(document);

		assertThat(chunks).extracting(TextChunk::pageStart).contains(1, 2);
		assertThat(chunks).allSatisfy(chunk -> {
			assertThat(modelTokens(chunk.text())).as(chunk.text()).isLessThanOrEqualTo(MINILM_READS);
			assertThat(chunk.pageEnd()).isEqualTo(chunk.pageStart());
		});
	}

	private static void assertEveryChunkFits(String text) {
		List<TextChunk> chunks = SPLITTER.split(new ExtractedDocument("text", List.of(new Page(1, text))));

		assertThat(chunks).hasSizeGreaterThan(5);
		assertThat(chunks).allSatisfy(chunk -> {
			assertThat(modelTokens(chunk.text())).as(chunk.text()).isLessThanOrEqualTo(MINILM_READS);
			assertThat(chunk.tokenCount()).isEqualTo(modelTokens(chunk.text()) - 2);
		});
		assertThat(chunks).filteredOn(chunk -> chunk.tokenCount() >= 120).as("chunks are filled, not tiny").isNotEmpty();
	}

	/** What the model reads: its own tokenizer, [CLS] and [SEP] included, nothing truncated. */
	static int modelTokens(String text) {
		return model.encode(text).getIds().length;
	}

}
