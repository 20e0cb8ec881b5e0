package dev.ingestor.embed;

import java.util.List;

import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.support.OllamaStub;
import dev.ingestor.support.QueueFixture.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The Ollama provider through the whole job, against a real HTTP server speaking /api/embed. */
class OllamaJobTests extends H2JobTestBase {

	static final long INITIAL_DELAY_MS = 50;

	static final long MAX_DELAY_MS = 400;

	static final long JITTER_MS = 10;

	static final OllamaStub OLLAMA = OllamaStub.startUnchecked();

	@DynamicPropertySource
	static void ollama(DynamicPropertyRegistry registry) {
		registry.add("ingest.embedding", () -> "ollama");
		registry.add("ingest.ollama.url", OLLAMA::url);
		registry.add("ingest.ollama.model", () -> "nomic-embed-text");
		registry.add("ingest.ollama.timeout", () -> "5s");
		registry.add("ingest.embedding-batch-size", () -> "4");
		registry.add("ingest.max-chunk-tokens", () -> "40");
		registry.add("ingest.chunk-overlap-tokens", () -> "4");
		registry.add("ingest.retry.max-attempts", () -> "4");
		registry.add("ingest.retry.initial-delay", () -> INITIAL_DELAY_MS + "ms");
		registry.add("ingest.retry.multiplier", () -> "2.0");
		registry.add("ingest.retry.max-delay", () -> MAX_DELAY_MS + "ms");
		registry.add("ingest.retry.jitter", () -> JITTER_MS + "ms");
	}

	@AfterAll
	static void stopStub() {
		OLLAMA.close();
	}

	@BeforeEach
	void plainService() {
		OLLAMA.reset();
	}

	@Test
	void chunksAreEmbeddedInRequestsOfTheConfiguredSizeAndStoredWithModelAndDimension() throws Exception {
		long row = this.queue.queueNew(this.queue.writeText("docs/long.md", paragraphs(12)));

		JobExecution execution = this.jobOperatorTestUtils.startJob();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Row result = this.queue.row(row);
		assertThat(result.status()).isEqualTo("indexed");
		long chunks = this.queue.activeChunks(result.nodeId());
		assertThat(chunks).isGreaterThan(4);
		List<OllamaStub.Call> calls = OLLAMA.calls();
		assertThat(calls).hasSize((int) Math.ceil(chunks / 4.0));
		assertThat(calls).allSatisfy(call -> {
			assertThat(call.model()).isEqualTo("nomic-embed-text");
			assertThat(call.inputs()).hasSizeBetween(1, 4);
		});
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_chunk WHERE embedding_model = 'ollama:nomic-embed-text' "
				+ "AND embedding_dimension = 768 AND OCTET_LENGTH(embedding) = 768 * 4")).isEqualTo(chunks);
		String firstChunk = this.jdbc.sql("SELECT content FROM document_chunk WHERE chunk_index = 0").query(String.class).single();
		assertThat(calls.get(0).inputs().get(0)).isEqualTo(firstChunk);
	}

	@Test
	void serviceUnavailableThreeTimesThenOkIsRetriedWithBackoffAndIndexed() throws Exception {
		OLLAMA.thenAnswer(503, "{\"error\":\"busy\"}").thenAnswer(503, "{\"error\":\"busy\"}").thenAnswer(503, "{\"error\":\"busy\"}");
		long row = this.queue.queueNew(this.queue.writeText("docs/short.txt", "A short text that fits one request."));

		this.jobOperatorTestUtils.startJob();

		assertThat(this.queue.row(row).status()).isEqualTo("indexed");
		List<OllamaStub.Call> calls = OLLAMA.calls();
		assertThat(calls).hasSize(4);
		for (int retry = 1; retry < calls.size(); retry++) {
			// Spring's ExponentialBackOff scales the jitter with the interval and keeps every wait
			// between the initial and the maximum delay.
			long interval = Math.min(INITIAL_DELAY_MS << (retry - 1), MAX_DELAY_MS);
			long jitter = JITTER_MS * (interval / INITIAL_DELAY_MS);
			long lower = Math.max(interval - jitter, INITIAL_DELAY_MS);
			long upper = Math.min(interval + jitter, MAX_DELAY_MS);
			long gapMs = (calls.get(retry).nanoTime() - calls.get(retry - 1).nanoTime()) / 1_000_000;
			assertThat(gapMs).as("wait before retry %d", retry)
				.isGreaterThanOrEqualTo(lower)
				.isLessThanOrEqualTo(upper + 1_000);
		}
	}

	@Test
	void clientErrorFailsTheItemAtOnceWithTheServersMessage() throws Exception {
		OLLAMA.alwaysAnswer(400, "{\"error\":\"invalid input type\"}");
		long row = this.queue.queueNew(this.queue.writeText("docs/a.txt", "Rejected by the server."));

		JobExecution execution = this.jobOperatorTestUtils.startJob();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(OLLAMA.calls()).hasSize(1);
		Row result = this.queue.row(row);
		assertThat(result.status()).isEqualTo("failed");
		assertThat(result.ragMessage()).isEqualTo("embedding server rejected the request: HTTP 400: invalid input type");
		assertThat(this.queue.logMessages(row)).anyMatch(m -> m.contains("invalid input type"));
	}

	@Test
	void aMissingModelFailsOnlyTheItemInHandAndStopsTheRun() throws Exception {
		OLLAMA.alwaysAnswer(404, "{\"error\":\"model \\\"nope\\\" not found, try pulling it first\"}");
		long first = this.queue.queueNew(this.queue.writeText("docs/m1.txt", "The model is not pulled."));
		long second = this.queue.queueNew(this.queue.writeText("docs/m2.txt", "Nor for this one."));
		long third = this.queue.queueNew(this.queue.writeText("docs/m3.txt", "Nor for this one either."));

		JobExecution execution = this.jobOperatorTestUtils.startJob();

		assertThat(execution.getExecutionContext().getString("ingest.stopReason", "")).isEqualTo("EMBEDDING_UNAVAILABLE");
		// Documents are in flight together, so any of them may be the one in hand when the
		// outage shows; exactly one ends failed with the cause, the others stay queued.
		List<Row> rows = List.of(this.queue.row(first), this.queue.row(second), this.queue.row(third));
		assertThat(rows).filteredOn(row -> row.status().equals("failed"))
			.singleElement()
			.satisfies(row -> assertThat(row.ragMessage()).startsWith("embedding model missing on the server")
				.contains("not found"));
		assertThat(rows).filteredOn(row -> row.status().equals("queued")).hasSize(2);
	}

	private static String paragraphs(int count) {
		StringBuilder text = new StringBuilder();
		for (int i = 1; i <= count; i++) {
			text.append("Paragraph ").append(i).append(" explains how queued documents become chunks, ")
				.append("how each chunk is embedded by the server, and why vectors keep their model name.\n\n");
		}
		return text.toString();
	}

}
