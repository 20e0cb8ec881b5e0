package dev.ingestor.embed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import dev.ingestor.job.IngestRunner;
import dev.ingestor.job.RunOutcome;
import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.support.QueueFixture.Row;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing listens on the Ollama port: the item in hand fails, the run stops, the rest stay queued. */
class OllamaUnreachableTests extends H2JobTestBase {

	@Autowired
	IngestRunner runner;

	@DynamicPropertySource
	static void closedPort(DynamicPropertyRegistry registry) {
		registry.add("ingest.embedding", () -> "ollama");
		registry.add("ingest.ollama.url", () -> "http://127.0.0.1:" + closedPort());
		registry.add("ingest.retry.max-attempts", () -> "3");
		registry.add("ingest.retry.initial-delay", () -> "20ms");
		registry.add("ingest.retry.max-delay", () -> "40ms");
		registry.add("ingest.retry.jitter", () -> "5ms");
	}

	@Test
	void itemInHandFailsAndTheRunStopsEarlyLeavingTheRestQueued() throws Exception {
		long first = this.queue.queueNew(this.queue.writeText("q/1.txt", "first document"));
		long second = this.queue.queueNew(this.queue.writeText("q/2.txt", "second document"));
		long third = this.queue.queueNew(this.queue.writeText("q/3.txt", "third document"));

		IngestRunner.Result result = this.runner.runOnce();

		assertThat(result.outcome()).isEqualTo(RunOutcome.EMBEDDING_UNAVAILABLE);
		assertThat(result.execution().getStatus()).isEqualTo(BatchStatus.STOPPED);
		// Several documents are in flight at once: whichever met the outage first is the item in
		// hand and fails; the others go back to the queue.
		List<Row> rows = List.of(this.queue.row(first), this.queue.row(second), this.queue.row(third));
		List<Row> failed = rows.stream().filter(row -> row.status().equals("failed")).toList();
		assertThat(failed).hasSize(1);
		assertThat(failed.get(0).ragMessage()).startsWith("embedding server unavailable after 3 attempts (http://127.0.0.1:")
			.endsWith("cannot connect to the server (connection refused)");
		assertThat(this.queue.logMessages(failed.get(0).id())).isNotEmpty();
		assertThat(rows).filteredOn(row -> !row.status().equals("failed")).hasSize(2)
			.allSatisfy(row -> assertThat(row.status()).isEqualTo("queued"));
		assertThat(this.queue.count("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'processing'")).isZero();
	}

	/** A port that was free a moment ago and has nothing listening now. */
	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
