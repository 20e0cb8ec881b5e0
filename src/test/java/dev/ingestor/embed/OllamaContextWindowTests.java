package dev.ingestor.embed;

import java.util.HashMap;
import java.util.Map;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.support.OllamaStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The Ollama model's window comes from the server's {@code /api/show} (a real HTTP server) or
 * from configuration, and a chunk size above it is refused at start-up instead of truncated.
 */
class OllamaContextWindowTests {

	private static final OllamaStub OLLAMA = OllamaStub.startUnchecked();

	@AfterAll
	static void stop() {
		OLLAMA.close();
	}

	@Test
	void chunkSizeAboveTheWindowTheServerReportsIsRefused() {
		OLLAMA.reportContextLength(256);
		IngestProperties properties = properties(Map.of("ingest.max-chunk-tokens", "512"));
		EmbeddingConfiguration configuration = new EmbeddingConfiguration();
		EmbeddingModelSpec spec = configuration.embeddingModelSpec(properties);

		assertThat(spec.maxInputTokens()).isEqualTo(256);
		assertThatIllegalStateException().isThrownBy(() -> configuration.textSplitter(properties, spec))
			.withMessage("ingest.max-chunk-tokens=512 is over what ollama:nomic-embed-text reads (256 tokens); "
					+ "the rest of every chunk would be silently dropped");
	}

	@Test
	void chunkSizeWithinTheReportedWindowStarts() {
		OLLAMA.reportContextLength(2048);
		IngestProperties properties = properties(Map.of());
		EmbeddingConfiguration configuration = new EmbeddingConfiguration();

		assertThat(configuration.textSplitter(properties, configuration.embeddingModelSpec(properties))).isNotNull();
	}

	@Test
	void configuredContextLengthIsUsedWithoutAskingTheServer() {
		OLLAMA.reportContextLength(4096);
		IngestProperties properties = properties(Map.of("ingest.ollama.context-length", "300"));

		assertThat(new EmbeddingConfiguration().embeddingModelSpec(properties).maxInputTokens()).isEqualTo(300);
	}

	private static IngestProperties properties(Map<String, String> extra) {
		Map<String, String> map = new HashMap<>(Map.of("ingest.embedding", "ollama", "ingest.ollama.url", OLLAMA.url()));
		map.putAll(extra);
		return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("ingest", IngestProperties.class);
	}

}
