package dev.ingestor.split;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;

/**
 * An embedding model's own tokenizer (its {@code tokenizer.json}), asked once per window of
 * text for where each token starts and ends, so that chunks are cut on token offsets instead of
 * re-counting growing prefixes. Counts exclude the special tokens ([CLS], [SEP]) the model adds.
 */
public final class ModelTokenizer {

	/** The tokenizer bundled with the in-process all-MiniLM-L6-v2 model. */
	public static final String MINILM = "/all-minilm-l6-v2-tokenizer.json";

	/** BERT's uncased word pieces, as read by nomic-embed-text (langchain4j's bundled copy). */
	public static final String BERT = "/bert-tokenizer.json";

	private final HuggingFaceTokenizer tokenizer;

	private final String name;

	private ModelTokenizer(HuggingFaceTokenizer tokenizer, String name) {
		this.tokenizer = tokenizer;
		this.name = name;
	}

	/** Loads a {@code tokenizer.json} from the classpath, without truncation or padding. */
	public static ModelTokenizer fromClasspath(String resource) {
		try (InputStream json = ModelTokenizer.class.getResourceAsStream(resource)) {
			if (json == null) {
				throw new IllegalStateException("tokenizer " + resource + " is not on the classpath");
			}
			return new ModelTokenizer(HuggingFaceTokenizer.newInstance(json,
					Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "false")), resource);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read tokenizer " + resource, ex);
		}
	}

	/** Which tokenizer this is (its resource name). */
	public String name() {
		return this.name;
	}

	/** Tokens the model reads for this text, special tokens excluded. */
	public int count(String text) {
		return this.tokenizer.encode(text, false, false).getIds().length;
	}

	/**
	 * Each token's span in {@code text}, in UTF-16 indices: {@code [start0, end0, start1, end1, ...]}.
	 * The native tokenizer counts in code points, so offsets are mapped back when the text holds
	 * characters outside the BMP (emoji, rare CJK).
	 */
	int[] spans(String text) {
		CharSpan[] spans = this.tokenizer.encode(text, false, false).getCharTokenSpans();
		int[] utf16 = (text.codePointCount(0, text.length()) == text.length()) ? null : codePointToUtf16(text);
		int[] result = new int[spans.length * 2];
		for (int i = 0; i < spans.length; i++) {
			result[2 * i] = (utf16 == null) ? spans[i].getStart() : utf16[spans[i].getStart()];
			result[2 * i + 1] = (utf16 == null) ? spans[i].getEnd() : utf16[spans[i].getEnd()];
		}
		return result;
	}

	private static int[] codePointToUtf16(String text) {
		int[] map = new int[text.codePointCount(0, text.length()) + 1];
		int cp = 0;
		for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
			map[cp++] = i;
		}
		map[cp] = text.length();
		return map;
	}

}
