package dev.ingestor.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.support.OllamaStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The context as {@code bin/ingest daemon} starts it (profile {@code daemon}), on a random
 * management port: after a run, Prometheus scrapes find our metrics and Spring Batch's, and
 * health reports the database and the embedding server (an Ollama stub on a real socket).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("daemon")
class DaemonEndpointsTests extends H2JobTestBase {

	private static final OllamaStub OLLAMA = startOllama();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Value("${server.address}")
	String address;

	@DynamicPropertySource
	static void ollama(DynamicPropertyRegistry registry) {
		registry.add("ingest.embedding", () -> "ollama");
		registry.add("ingest.ollama.url", OLLAMA::url);
	}

	@AfterAll
	static void stopOllama() {
		OLLAMA.close();
	}

	@Test
	void prometheusEndpointServesIngestionAndBatchMetricsAfterARun() throws Exception {
		this.queue.queueNew(this.queue.writeText("m/one.md", "# One\n\nSome words to embed.\n"));
		this.queue.queueNew("m/missing.pdf");
		assertThat(this.jobOperatorTestUtils.startJob().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		this.queue.queueNew(this.queue.writeText("m/later.txt", "Queued after the run."));

		HttpResponse<String> scrape = get("/actuator/prometheus");

		assertThat(scrape.statusCode()).isEqualTo(200);
		String metrics = scrape.body();
		assertThat(metrics).containsPattern("(?m)^ingest_queue_depth\\{.*status=\"indexed\".*\\} 1\\.0$")
			.containsPattern("(?m)^ingest_queue_depth\\{.*status=\"download_failed\".*\\} 1\\.0$")
			.containsPattern("(?m)^ingest_queue_depth\\{.*status=\"queued\".*\\} 1\\.0$");
		// Both items were reserved; the missing one failed right after.
		assertThat(metrics).containsPattern("(?m)^ingest_item_stage_seconds_count\\{.*stage=\"reserved\".*\\} 2$");
		for (String stage : new String[] { "extracted", "embedded", "stored", "failed" }) {
			assertThat(metrics).containsPattern("(?m)^ingest_item_stage_seconds_count\\{.*stage=\"" + stage + "\".*\\} 1$");
		}
		assertThat(metrics).containsPattern("(?m)^ingest_embedding_latency_seconds_count(\\{.*\\})? [1-9]\\d*$")
			.containsPattern("(?m)^ingest_embedding_retries_total(\\{.*\\})? 0\\.0$")
			.containsPattern("(?m)^spring_batch_job_seconds_count\\{.*spring_batch_job_name=\"ingestJob\".*\\} 1$")
			.containsPattern("(?m)^spring_batch_step_seconds_count\\{.*spring_batch_step_name=\"ingestQueuedItems\".*\\} 1$");
	}

	@Test
	void healthShowsTheDatabaseAndTheEmbeddingServer() throws Exception {
		HttpResponse<String> response = get("/actuator/health");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = JSON.readTree(response.body());
		assertThat(health.path("status").asString()).isEqualTo("UP");
		assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
		JsonNode embedding = health.path("components").path("embedding");
		assertThat(embedding.path("status").asString()).isEqualTo("UP");
		assertThat(embedding.path("details").path("url").asString()).isEqualTo(OLLAMA.url());
		assertThat(embedding.path("details").path("version").asString()).contains("0.0.0-stub");
		assertThat(this.address).as("management port bound to localhost by default").isEqualTo("127.0.0.1");
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).GET().build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static OllamaStub startOllama() {
		try {
			return OllamaStub.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
