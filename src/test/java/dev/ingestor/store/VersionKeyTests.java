package dev.ingestor.store;

import java.util.Map;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.embed.EmbeddingModelSpec;
import dev.ingestor.split.TextSplitter;
import dev.ingestor.split.ModelTokenizer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The key changes with every setting that changes the vectors. */
class VersionKeyTests {

	static final String HASH = "a".repeat(64);

	static final ModelTokenizer TOKENIZER = ModelTokenizer.fromClasspath(ModelTokenizer.MINILM);

	@Test
	void theKeyCoversTheModelItsDimensionTheChunkSizeAndTheOverlap() {
		String base = key("local:all-minilm-l6-v2", 126, 16).of(HASH, 384);

		assertThat(key("local:all-minilm-l6-v2", 126, 16).of(HASH, 384)).isEqualTo(base);
		assertThat(key("ollama:nomic-embed-text", 126, 16).of(HASH, 384)).as("model").isNotEqualTo(base);
		assertThat(key("local:all-minilm-l6-v2", 126, 16).of(HASH, 768)).as("dimension").isNotEqualTo(base);
		assertThat(key("local:all-minilm-l6-v2", 100, 16).of(HASH, 384)).as("chunk size").isNotEqualTo(base);
		assertThat(key("local:all-minilm-l6-v2", 126, 8).of(HASH, 384)).as("overlap").isNotEqualTo(base);
		assertThat(key("local:all-minilm-l6-v2", 126, 16).of("b".repeat(64), 384)).as("content").isNotEqualTo(base);
	}

	private static VersionKey key(String model, int maxTokens, int overlap) {
		IngestProperties properties = new Binder(new MapConfigurationPropertySource(
				Map.of("ingest.chunk-overlap-tokens", String.valueOf(overlap))))
			.bindOrCreate("ingest", Bindable.of(IngestProperties.class));
		return new VersionKey(null, null, new EmbeddingModelSpec(model, maxTokens),
				new TextSplitter(maxTokens, overlap, TOKENIZER), properties);
	}

}
