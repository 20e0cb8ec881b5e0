package dev.ingestor.split;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An embedding model's own tokenizer, built from its {@code tokenizer.json}, asked once per
 * window of text for where each token starts and ends, so that chunks are cut on token offsets
 * instead of re-counting growing prefixes. Counts exclude the special tokens ([CLS], [SEP])
 * the model adds. Only BERT WordPiece tokenizers (uncased) are supported; others are refused.
 */
public final class ModelTokenizer {

	/** The tokenizer bundled with the in-process all-MiniLM-L6-v2 model. */
	public static final String MINILM = "/all-minilm-l6-v2-tokenizer.json";

	/** BERT's uncased word pieces, as read by nomic-embed-text (langchain4j's bundled copy). */
	public static final String BERT = "/bert-tokenizer.json";

	private final WordPiece wordPiece;

	private final String name;

	private ModelTokenizer(WordPiece wordPiece, String name) {
		this.wordPiece = wordPiece;
		this.name = name;
	}

	/** Loads a {@code tokenizer.json} from the classpath. */
	public static ModelTokenizer fromClasspath(String resource) {
		try (InputStream json = ModelTokenizer.class.getResourceAsStream(resource)) {
			if (json == null) {
				throw new IllegalStateException("tokenizer " + resource + " is not on the classpath");
			}
			return new ModelTokenizer(new WordPiece(vocabulary(JsonMapper.builder().build().readTree(json), resource)),
					resource);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read tokenizer " + resource, ex);
		}
	}

	private static Set<String> vocabulary(JsonNode tokenizer, String resource) {
		JsonNode normalizer = tokenizer.path("normalizer");
		JsonNode model = tokenizer.path("model");
		boolean bert = "BertNormalizer".equals(normalizer.path("type").asString(""))
				&& normalizer.path("lowercase").asBoolean(false) && normalizer.path("clean_text").asBoolean(false)
				&& normalizer.path("handle_chinese_chars").asBoolean(false)
				&& (normalizer.path("strip_accents").isNull() || normalizer.path("strip_accents").asBoolean(false))
				&& "BertPreTokenizer".equals(tokenizer.path("pre_tokenizer").path("type").asString(""))
				&& "WordPiece".equals(model.path("type").asString("")) && model.path("max_input_chars_per_word").asInt() == 100
				&& "##".equals(model.path("continuing_subword_prefix").asString(""));
		if (!bert) {
			throw new IllegalStateException("tokenizer " + resource + " is not an uncased BERT WordPiece tokenizer;"
					+ " chunks could not be measured in its tokens");
		}
		Set<String> vocabulary = new HashSet<>();
		model.path("vocab").propertyNames().forEach(vocabulary::add);
		return vocabulary;
	}

	/** Which tokenizer this is (its resource name). */
	public String name() {
		return this.name;
	}

	/** Tokens the model reads for this text, special tokens excluded. */
	public int count(String text) {
		return this.wordPiece.spans(text).length / 2;
	}

	/** Each token's span in {@code text}, in UTF-16 indices: {@code [start0, end0, start1, end1, ...]}. */
	int[] spans(String text) {
		return this.wordPiece.spans(text);
	}

}
