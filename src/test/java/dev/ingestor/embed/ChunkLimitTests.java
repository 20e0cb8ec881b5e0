package dev.ingestor.embed;

import java.util.Map;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.split.ModelTokenizer;
import dev.ingestor.split.TextSplitter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The chunk size is checked against what the model reads, in its own tokens: MiniLM's 126, and
 * for Ollama the configured context window (it used to be unbounded, so Ollama truncated silently).
 */
class ChunkLimitTests {

	private final EmbeddingConfiguration configuration = new EmbeddingConfiguration();

	@Test
	void anOllamaChunkSizeOverTheModelsContextIsRefusedAtStartUp() {
		IngestProperties properties = bind(Map.of("ingest.embedding", "ollama", "ingest.max-chunk-tokens", "4096",
				"ingest.ollama.context-length", "2048"));

		assertThatIllegalStateException()
			.isThrownBy(() -> this.configuration.textSplitter(properties, this.configuration.embeddingModelSpec(properties)))
			.withMessageContaining("ingest.max-chunk-tokens=4096")
			.withMessageContaining("ollama:nomic-embed-text reads (2048 tokens)");
	}

	@Test
	void aLargerConfiguredContextAllowsLargerChunks() {
		IngestProperties properties = bind(Map.of("ingest.embedding", "ollama", "ingest.max-chunk-tokens", "4096",
				"ingest.ollama.context-length", "8192"));

		TextSplitter splitter = this.configuration.textSplitter(properties, this.configuration.embeddingModelSpec(properties));

		assertThat(splitter.maxTokens()).isEqualTo(4096);
		assertThat(splitter.tokenizer().name()).isEqualTo(ModelTokenizer.BERT);
	}

	@Test
	void theLocalModelIsMeasuredWithItsOwnTokenizerAndRefusesMoreThan126() {
		IngestProperties local = bind(Map.of());
		IngestProperties tooLarge = bind(Map.of("ingest.max-chunk-tokens", "127"));

		TextSplitter splitter = this.configuration.textSplitter(local, this.configuration.embeddingModelSpec(local));

		assertThat(splitter.maxTokens()).isEqualTo(126);
		assertThat(splitter.tokenizer().name()).isEqualTo(ModelTokenizer.MINILM);
		assertThatIllegalStateException()
			.isThrownBy(() -> this.configuration.textSplitter(tooLarge, this.configuration.embeddingModelSpec(tooLarge)));
	}

	private static IngestProperties bind(Map<String, String> values) {
		Map<String, String> all = new java.util.HashMap<>(values);
		all.put("ingest.storage-dir", "target/unused");
		return new Binder(new MapConfigurationPropertySource(all)).bindOrCreate("ingest", IngestProperties.class);
	}

}
