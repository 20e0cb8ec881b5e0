package dev.ingestor.embed;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.split.ModelTokenizer;
import dev.ingestor.split.TextSplitter;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Chooses the embedding model and sizes the splitter to it, measuring chunks with the model's own
 * tokenizer: MiniLM's bundled {@code tokenizer.json}; for Ollama, BERT's uncased word pieces,
 * which nomic-embed-text (the default) reads.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddingConfiguration {

	/** MiniLM's tokenizer truncates at 128 tokens, two of which are [CLS] and [SEP]. */
	static final int MINILM_MAX_INPUT_TOKENS = 126;

	/** Safe default for a server model whose real window we cannot query (nomic: 2048 in Ollama). */
	static final int OLLAMA_DEFAULT_CHUNK_TOKENS = 512;

	@Bean
	EmbeddingModelSpec embeddingModelSpec(IngestProperties properties) {
		return switch (properties.embedding()) {
			case LOCAL -> new EmbeddingModelSpec("local:all-minilm-l6-v2", MINILM_MAX_INPUT_TOKENS);
			case OLLAMA -> new EmbeddingModelSpec("ollama:" + properties.ollama().model(),
					OllamaContextWindow.of(properties.ollama()));
		};
	}

	/** Lazy, so that commands that embed nothing (report, enqueue) never load the ONNX model. */
	@Bean
	@Lazy
	EmbeddingModel embeddingModel(IngestProperties properties) {
		return switch (properties.embedding()) {
			case LOCAL -> LocalMiniLm.withThreads(Runtime.getRuntime().availableProcessors());
			case OLLAMA -> OllamaEmbeddingModel.builder()
				.baseUrl(properties.ollama().url())
				.modelName(properties.ollama().model())
				.timeout(properties.ollama().timeout())
				// Our Embedder retries with backoff and classifies failures; no second layer.
				.maxRetries(0)
				.build();
		};
	}

	@Bean
	TextSplitter textSplitter(IngestProperties properties, EmbeddingModelSpec spec) {
		int configured = properties.maxChunkTokens();
		int defaultSize = (properties.embedding() == IngestProperties.EmbeddingProvider.LOCAL)
				? MINILM_MAX_INPUT_TOKENS : OLLAMA_DEFAULT_CHUNK_TOKENS;
		int size = (configured > 0) ? configured : defaultSize;
		if (size > spec.maxInputTokens()) {
			throw new IllegalStateException("ingest.max-chunk-tokens=" + size + " is over what " + spec.name()
					+ " reads (" + spec.maxInputTokens() + " tokens); the rest of every chunk would be silently dropped");
		}
		ModelTokenizer tokenizer = ModelTokenizer.fromClasspath((properties.embedding() == IngestProperties.EmbeddingProvider.LOCAL)
				? ModelTokenizer.MINILM : ModelTokenizer.BERT);
		return new TextSplitter(size, properties.chunkOverlapTokens(), tokenizer);
	}

}
