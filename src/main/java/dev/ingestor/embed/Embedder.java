package dev.ingestor.embed;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

import dev.ingestor.Redaction;
import dev.ingestor.config.IngestProperties;
import dev.ingestor.split.TextChunk;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.model.embedding.EmbeddingModel;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Lazy;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;

/**
 * Embeds a document's chunks in requests of a bounded size, each retried with exponential
 * backoff and jitter when the server is unreachable or overloaded, and refused at once when the
 * server rejects the request itself.
 */
@Component
public class Embedder {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Ollama's words for a model it does not have, whatever status code a proxy turns it into. */
	private static final Pattern MODEL_NOT_FOUND = Pattern.compile("model .*not found");

	private final EmbeddingModel model;

	private final int batchSize;

	/** Where embeddings come from, named in failure messages. */
	private final String server;

	private final RetryTemplate retry;

	private final EmbeddingMetrics metrics;

	/**
	 * Requests in flight across all documents: several documents embed at once, and a server
	 * sent more requests than it has slots only queues them and times them out.
	 */
	private final Semaphore inFlight;

	/** Learned from the first vectors the model returns; 0 until then. */
	private volatile int dimension;

	Embedder(@Lazy EmbeddingModel model, IngestProperties properties,
			EmbeddingMetrics metrics) {
		this.model = model;
		this.batchSize = properties.embeddingBatchSize();
		this.server = (properties.embedding() == IngestProperties.EmbeddingProvider.OLLAMA)
				? Redaction.redact(properties.ollama().url()) : "in-process model";
		IngestProperties.Retry backoff = properties.retry();
		this.retry = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(Math.max(0, backoff.maxAttempts() - 1))
			.delay(backoff.initialDelay())
			.multiplier(backoff.multiplier())
			.maxDelay(backoff.maxDelay())
			.jitter(backoff.jitter())
			.predicate(Embedder::isRetriable)
			.build());
		this.retry.setRetryListener(metrics);
		this.metrics = metrics;
		this.inFlight = new Semaphore((properties.embedding() == IngestProperties.EmbeddingProvider.OLLAMA)
				? Math.max(1, properties.ollamaConcurrency()) : Integer.MAX_VALUE);
	}

	/**
	 * The dimension of the vectors the model has returned in this process, or 0 before the
	 * first: what the dedup key needs, learned without a request of its own.
	 */
	public int knownDimension() {
		return this.dimension;
	}

	/**
	 * Vectors in chunk order. {@code afterBatch} runs after every request, so that long
	 * documents can renew their reservation's heartbeat.
	 */
	public List<float[]> embed(long itemId, List<TextChunk> chunks, Runnable afterBatch) {
		List<float[]> vectors = new ArrayList<>(chunks.size());
		for (int from = 0; from < chunks.size(); from += this.batchSize) {
			List<TextSegment> batch = chunks.subList(from, Math.min(from + this.batchSize, chunks.size()))
				.stream()
				.map(chunk -> TextSegment.from(chunk.text()))
				.toList();
			for (Embedding embedding : embedBatch(itemId, batch)) {
				vectors.add(embedding.vector());
				this.dimension = embedding.vector().length;
			}
			afterBatch.run();
		}
		return vectors;
	}

	private List<Embedding> embedBatch(long itemId, List<TextSegment> batch) {
		try {
			List<Embedding> embeddings = this.retry.execute(() -> request(batch));
			if (embeddings == null || embeddings.size() != batch.size()) {
				throw new EmbeddingRejectedException(itemId, "embedding server returned "
						+ ((embeddings == null) ? 0 : embeddings.size()) + " vectors for " + batch.size() + " chunks", null);
			}
			return embeddings;
		}
		catch (RetryException ex) {
			Throwable last = ex.getCause();
			if (isRetriable(last)) {
				int attempts = ex.getRetryCount() + 1;
				throw new EmbeddingUnavailableException(itemId, "embedding server unavailable after " + attempts
						+ ((attempts == 1) ? " attempt (" : " attempts (") + this.server + "): " + describe(last), last);
			}
			if (isModelMissing(last)) {
				throw new EmbeddingUnavailableException(itemId, "embedding model missing on the server (" + this.server
						+ "): " + describe(last), last);
			}
			throw new EmbeddingRejectedException(itemId, "embedding server rejected the request: " + describe(last), last);
		}
	}

	/** One request, holding one of the in-flight slots (released during a retry's backoff). */
	private List<Embedding> request(List<TextSegment> batch) throws InterruptedException {
		this.inFlight.acquire();
		try {
			return this.metrics.timeRequest(() -> this.model.embedAll(batch).content());
		}
		finally {
			this.inFlight.release();
		}
	}

	/** Unreachable, timed out, 429 and 5xx are worth another try; a 4xx or a bug is not. */
	static boolean isRetriable(Throwable failure) {
		if (failure instanceof UnresolvedModelServerException) {
			return true;
		}
		if (failure instanceof NonRetriableException) {
			return false;
		}
		if (failure instanceof RetriableException) {
			return true;
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * HTTP 404: the server has no such model (Ollama: "model ... not found, try pulling it first"),
	 * or the URL is not an Ollama server. Every document would fail the same way: an outage.
	 */
	static boolean isModelMissing(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpException http && (http.statusCode() == 404
					|| MODEL_NOT_FOUND.matcher(serverError(http.getMessage())).find())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The innermost message that says something: for an HTTP error its status and the server's
	 * own {@code "error"} text, otherwise the root cause's type and message.
	 */
	static String describe(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (root instanceof HttpException http) {
			return "HTTP " + http.statusCode() + ": " + serverError(http.getMessage());
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return "cannot connect to the server (connection refused)";
			}
			if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
				return "the request timed out";
			}
		}
		String message = (failure.getMessage() != null && !failure.getMessage().contains("Exception:"))
				? failure.getMessage() : root.getMessage();
		String type = root.getClass().getSimpleName();
		return (message == null || message.isBlank()) ? type : type + ": " + message;
	}

	/** Ollama answers errors as {@code {"error":"..."}}; anything else is shown as it came. */
	private static String serverError(String body) {
		if (body == null || body.isBlank()) {
			return "(empty response)";
		}
		try {
			JsonNode error = JSON.readTree(body).path("error");
			return error.isString() ? error.asString() : body;
		}
		catch (JacksonException ex) {
			return body;
		}
	}

}
