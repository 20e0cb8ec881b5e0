package dev.ingestor.split;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our Java WordPiece gives the same tokens as the model's own native tokenizer (Hugging Face's,
 * the one the ONNX model runs) on the same {@code tokenizer.json}: same count, same spans.
 */
class ModelTokenizerTests {

	static final String[] SAMPLES = { "The queue worker reads each document, and splits it.",
			"Résumé: naïve café – Ωμέγα “quotes” ½ ™ İstanbul ǅ ﬁnance ﬂow Straße",
			"文档被切分成块，每一块都必须完整地进入模型。日本語の文章もトークンに分けられ、東京タワー😀",
			"launch 🚀 day 🎉 with 😀😀😀 smiles 👍🏽 and flags 🇫🇷🇯🇵 한국어 문장입니다.",
			"Donaudampfschifffahrtsgesellschaftskapitänsmütze x7Qp9Lm2Zr".repeat(3) + " "
					+ "a".repeat(101) + " " + "b".repeat(100),
			"tab\there\r\nline\u0000nul\u200Bzero\u00A0nbsp\u3000ideo\uFFFDrep\u0085nel\u00ADshy",
			"\\documentclass{article} \\usepackage[utf8]{inputenc} $\\alpha_{i}^{2}$ 3.14159 1,000,000 e-mail@x.org",
			"مرحبا بالعالم שלום עולם नमस्ते दुनिया สวัสดีชาวโลก ❤️ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠀀𠀁 ㄅㄆ ｶﾀｶﾅ" };

	@Test
	void countsAndSpansMatchTheNativeTokenizerOnVariedText() throws Exception {
		for (String resource : new String[] { ModelTokenizer.MINILM, ModelTokenizer.BERT }) {
			ModelTokenizer ours = ModelTokenizer.fromClasspath(resource);
			try (HuggingFaceTokenizer reference = nativeTokenizer(resource)) {
				for (String sample : SAMPLES) {
					assertThat(ours.spans(sample)).as(sample).isEqualTo(nativeSpans(reference, sample));
				}
			}
		}
	}

	@Test
	void countsMatchTheNativeTokenizerOnRandomCodePoints() throws Exception {
		ModelTokenizer ours = ModelTokenizer.fromClasspath(ModelTokenizer.MINILM);
		int[][] ranges = { { 0x20, 0x7E }, { 0xA0, 0x24F }, { 0x370, 0x52F }, { 0x590, 0x6FF }, { 0x900, 0xDFF },
				{ 0x2000, 0x2BFF }, { 0x3000, 0x30FF }, { 0x4E00, 0x4FFF }, { 0xAC00, 0xAD00 }, { 0xF900, 0xFFFF },
				{ 0x1F300, 0x1FAFF }, { 0x1D400, 0x1D7FF }, { 0x20000, 0x2000F } };
		Random random = new Random(42);
		try (HuggingFaceTokenizer reference = nativeTokenizer(ModelTokenizer.MINILM)) {
			for (int round = 0; round < 300; round++) {
				StringBuilder text = new StringBuilder();
				for (int i = 0; i < 200; i++) {
					int[] range = ranges[random.nextInt(ranges.length)];
					text.appendCodePoint(random.nextInt(5) == 0 ? ' ' : range[0] + random.nextInt(range[1] - range[0]));
				}
				String sample = text.toString();
				assertThat(ours.count(sample)).as(sample).isEqualTo(reference.encode(sample, false, false).getIds().length);
			}
		}
	}

	@Test
	void everyCodePointCountsAsTheNativeTokenizerCountsIt() throws Exception {
		ModelTokenizer ours = ModelTokenizer.fromClasspath(ModelTokenizer.MINILM);
		try (HuggingFaceTokenizer reference = nativeTokenizer(ModelTokenizer.MINILM)) {
			for (int block = 0x20; block < 0x30000; block += 64) {
				StringBuilder text = new StringBuilder();
				for (int cp = block; cp < block + 64; cp++) {
					String c = new String(Character.toChars(cp));
					// Alone, inside a word, and next to a CJK ideograph and half-width kana.
					text.append(" ").append(c).append(" a").append(c).append("b \uFF8A").append(c).append("\u4E01");
				}
				String sample = text.toString();
				assertThat(ours.count(sample)).as("code points from U+%04X", block)
					.isEqualTo(reference.encode(sample, false, false).getIds().length);
			}
		}
	}

	private static HuggingFaceTokenizer nativeTokenizer(String resource) throws Exception {
		try (InputStream json = ModelTokenizerTests.class.getResourceAsStream(resource)) {
			return HuggingFaceTokenizer.newInstance(json, Map.of("padding", "false", "truncation", "false"));
		}
	}

	/** The native spans count code points; ours are UTF-16 indices, so map them back. */
	private static int[] nativeSpans(HuggingFaceTokenizer tokenizer, String text) {
		Encoding encoding = tokenizer.encode(text, false, false);
		CharSpan[] spans = encoding.getCharTokenSpans();
		int[] result = new int[spans.length * 2];
		for (int i = 0; i < spans.length; i++) {
			result[2 * i] = text.offsetByCodePoints(0, spans[i].getStart());
			result[2 * i + 1] = text.offsetByCodePoints(0, spans[i].getEnd());
		}
		return result;
	}

	static String show(int[] spans) {
		return Arrays.toString(spans);
	}

}
