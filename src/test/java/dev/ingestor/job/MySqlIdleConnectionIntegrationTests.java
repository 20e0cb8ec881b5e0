package dev.ingestor.job;

import java.time.Duration;

import dev.ingestor.support.MySqlJobTestBase;
import dev.ingestor.support.OllamaStub;
import dev.ingestor.support.QueueFixture.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No connection sits idle while a document is embedded: the server closes every connection of
 * this test that stays idle for a second ({@code wait_timeout = 1}), and embedding one document
 * takes several seconds, yet it is indexed.
 */
class MySqlIdleConnectionIntegrationTests extends MySqlJobTestBase {

	static final OllamaStub OLLAMA = OllamaStub.startUnchecked();

	@DynamicPropertySource
	static void shortIdleLimit(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.hikari.connection-init-sql", () -> "SET SESSION wait_timeout = 1");
		registry.add("ingest.embedding", () -> "ollama");
		registry.add("ingest.ollama.url", OLLAMA::url);
		registry.add("ingest.embedding-batch-size", () -> "1");
		registry.add("ingest.max-chunk-tokens", () -> "40");
		registry.add("ingest.chunk-overlap-tokens", () -> "0");
	}

	@AfterAll
	static void stopStub() {
		OLLAMA.close();
	}

	@Test
	void documentThatTakesLongerThanTheServersIdleLimitIsIndexed() throws Exception {
		// Two requests of 1.5 s: the document is processed for 3 s, three times the idle limit.
		OLLAMA.delayEachAnswer(Duration.ofMillis(1500));
		long row = this.queue.queueNew(this.queue.writeText("slow/doc.md",
				ConcurrentIngestTests.paragraphs("slow-p", 2)));

		JobExecution execution = this.jobOperatorTestUtils.startJob();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Row result = this.queue.row(row);
		assertThat(result.status()).isEqualTo("indexed");
		assertThat(this.queue.activeChunks(result.nodeId())).isEqualTo(2);
		assertThat(OLLAMA.calls()).hasSize(2);
	}

}
