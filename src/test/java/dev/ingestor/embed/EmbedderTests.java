package dev.ingestor.embed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.split.TextChunk;
import dev.ingestor.support.OllamaStub;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedder against a real HTTP server speaking Ollama's API, wired the way the application
 * wires it: batching, which failures are retried, and what an exhausted or rejected request says.
 */
class EmbedderTests {

	private static final String MODEL_NOT_FOUND = "{\"error\":\"model \\\"nope\\\" not found, try pulling it first\"}";

	private final OllamaStub stub = OllamaStub.startUnchecked();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@AfterEach
	void stop() {
		this.stub.close();
	}

	@Test
	void chunksAreSentInRequestsOfTheConfiguredBatchSize() {
		Embedder embedder = embedder(Map.of("ingest.embedding-batch-size", "3"));
		AtomicInteger batches = new AtomicInteger();

		List<float[]> vectors = embedder.embed(1, chunks(7), batches::incrementAndGet);

		assertThat(this.stub.calls()).extracting(call -> call.inputs().size()).containsExactly(3, 3, 1);
		assertThat(batches).hasValue(3);
		assertThat(vectors).hasSize(7);
		assertThat(vectors.get(6)).containsExactly(OllamaStub.vectorFor("chunk number 6"));
	}

	@Test
	void rateLimitedRequestsAreRetriedAndCounted() {
		this.stub.thenAnswer(429, "{\"error\":\"too many requests\"}").thenAnswer(429, "{\"error\":\"too many requests\"}");

		List<float[]> vectors = embedder(Map.of()).embed(1, chunks(2), () -> { });

		assertThat(vectors).hasSize(2);
		assertThat(this.stub.calls()).hasSize(3);
		assertThat(this.meters.counter("ingest.embedding.retries").count()).isEqualTo(2);
	}

	@Test
	void slowServerIsRetriedThenUnavailableWithTheTimeoutAsCause() {
		this.stub.delayEachAnswer(Duration.ofMillis(600));
		Embedder embedder = embedder(Map.of("ingest.ollama.timeout", "150ms", "ingest.retry.max-attempts", "2"));

		assertThatExceptionOfType(EmbeddingUnavailableException.class)
			.isThrownBy(() -> embedder.embed(42, chunks(1), () -> { }))
			.withMessageStartingWith("embedding server unavailable after 2 attempts (" + this.stub.url() + "): ")
			.withMessageEndingWith("the request timed out")
			.satisfies(ex -> assertThat(ex.queueItemId()).isEqualTo(42));
		// Not the stub's call log: a timed-out request may still be in the server's accept queue.
		assertThat(this.meters.counter("ingest.embedding.retries").count()).isEqualTo(1);
	}

	@Test
	void serverErrorsExhaustTheRetriesAndNameTheLastCause() {
		this.stub.alwaysAnswer(503, "{\"error\":\"server busy\"}");

		assertThatExceptionOfType(EmbeddingUnavailableException.class)
			.isThrownBy(() -> embedder(Map.of()).embed(7, chunks(1), () -> { }))
			.withMessage("embedding server unavailable after 4 attempts (" + this.stub.url() + "): HTTP 503: server busy");
		assertThat(this.stub.calls()).hasSize(4);
	}

	@Test
	void rejectedRequestFailsAtOnceWithTheServersError() {
		this.stub.alwaysAnswer(400, "{\"error\":\"invalid input type\"}");

		assertThatExceptionOfType(EmbeddingRejectedException.class)
			.isThrownBy(() -> embedder(Map.of()).embed(7, chunks(1), () -> { }))
			.withMessage("embedding server rejected the request: HTTP 400: invalid input type");
		assertThat(this.stub.calls()).hasSize(1);
		assertThat(this.meters.counter("ingest.embedding.retries").count()).isZero();
	}

	@Test
	void aModelTheServerDoesNotHaveIsAnOutageNotADocumentsFault() {
		this.stub.alwaysAnswer(404, MODEL_NOT_FOUND);

		assertThatExceptionOfType(EmbeddingUnavailableException.class)
			.isThrownBy(() -> embedder(Map.of()).embed(7, chunks(1), () -> { }))
			.withMessage("embedding model missing on the server (" + this.stub.url()
					+ "): HTTP 404: model \"nope\" not found, try pulling it first");
		assertThat(this.stub.calls()).as("not retried").hasSize(1);
	}


	private Embedder embedder(Map<String, String> overrides) {
		Map<String, String> settings = new HashMap<>(Map.of("ingest.embedding", "ollama", "ingest.ollama.url",
				this.stub.url(), "ingest.retry.initial-delay", "10ms", "ingest.retry.max-delay", "40ms",
				"ingest.retry.jitter", "0ms"));
		settings.putAll(overrides);
		IngestProperties properties = new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("ingest", IngestProperties.class);
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("meters", this.meters);
		return new Embedder(new EmbeddingConfiguration().embeddingModel(properties), properties,
				new EmbeddingMetrics(beans.getBeanProvider(MeterRegistry.class)));
	}

	private static List<TextChunk> chunks(int count) {
		return new ArrayList<>(IntStream.range(0, count)
			.mapToObj(i -> new TextChunk(i, "chunk number " + i, 1, 1, 3))
			.toList());
	}


}
