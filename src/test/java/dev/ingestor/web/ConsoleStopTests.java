package dev.ingestor.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.support.OllamaStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's Stop and Restart on a run caught mid-item (the embedding server holds its first
 * answer): the overview shows the run in progress, Stop ends it STOPPED after the item in hand
 * with the rest still queued, and Restart continues the same instance to the end.
 */
@IntakeServer
class ConsoleStopTests extends H2JobTestBase {

	private static final OllamaStub OLLAMA = OllamaStub.startUnchecked();

	/** A ceiling for each wait, never reached when things work. */
	private static final long CEILING_SECONDS = 60;

	private static final String ADMIN = ApiClient.token("acme", "admin");

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void ollama(DynamicPropertyRegistry registry) {
		registry.add("ingest.embedding", () -> "ollama");
		registry.add("ingest.ollama.url", OLLAMA::url);
		// One document in flight, so that a stop leaves the others queued.
		registry.add("ingest.concurrency", () -> "1");
	}

	@AfterAll
	static void stopOllama() {
		OLLAMA.close();
	}

	@Test
	void stopEndsTheRunAfterTheItemInHandAndRestartFinishesIt() throws Exception {
		CountDownLatch embedding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean first = new AtomicBoolean(true);
		OLLAMA.reset().beforeEachAnswer(call -> {
			if (!call.inputs().isEmpty() && first.compareAndSet(true, false)) {
				embedding.countDown();
				await(release);
			}
		});
		ApiClient client = new ApiClient(this.port);
		for (String name : new String[] { "one.txt", "two.txt", "three.txt" }) {
			assertThat(client.upload(ADMIN, name, ("The text of " + name + ".").getBytes(StandardCharsets.UTF_8)).status())
				.isEqualTo(202);
		}
		CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(() -> {
			try {
				return this.jobOperatorTestUtils.startJob();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(embedding.await(CEILING_SECONDS, TimeUnit.SECONDS)).as("the first item reached the embedding server").isTrue();
		long id = this.jdbc.sql("SELECT MAX(job_execution_id) FROM BATCH_JOB_EXECUTION").query(Long.class).single();

		assertThat(post("/v1/runs/" + id + "/stop", ApiClient.token("acme", "user")).statusCode()).isEqualTo(403);
		assertThat(client.get("/v1/console/overview", ADMIN).body()).contains("\"running\":{\"runId\":" + id);
		assertThat(post("/v1/runs/" + id + "/stop", ADMIN).statusCode()).isEqualTo(202);
		release.countDown();

		JobExecution stopped = run.get(CEILING_SECONDS, TimeUnit.SECONDS);
		assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(this.queue.count("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'queued'"))
			.as("stopped after the item in hand").isPositive();
		assertThat(this.queue.count("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'processing'")).isZero();

		assertThat(post("/v1/runs/" + id + "/restart", ADMIN).statusCode()).isEqualTo(202);

		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CEILING_SECONDS);
		while (this.queue.count("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'indexed'") < 3
				&& System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(this.queue.count("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'indexed'")).isEqualTo(3);
		assertThat(this.queue.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).as("restarted, not started anew")
			.isEqualTo(2);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(CEILING_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private HttpResponse<String> post(String path, String token) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
