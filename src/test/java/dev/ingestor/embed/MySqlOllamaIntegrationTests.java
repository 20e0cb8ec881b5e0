package dev.ingestor.embed;

import java.nio.file.Path;
import java.util.List;

import dev.ingestor.job.IngestRunner;
import dev.ingestor.job.RunOutcome;
import dev.ingestor.support.MySqlJobTestBase;
import dev.ingestor.support.OllamaStub;
import dev.ingestor.support.QueueFixture.Row;
import dev.ingestor.support.TestPdfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production path: MySQL (the machine's MariaDB), an Ollama-speaking server, PDFs and
 * Markdown queued with the manager's two INSERTs, launched like {@code bin/ingest run}.
 */
class MySqlOllamaIntegrationTests extends MySqlJobTestBase {

	static final OllamaStub OLLAMA = OllamaStub.startUnchecked();

	@Autowired
	IngestRunner runner;

	@TempDir
	Path tmp;

	@DynamicPropertySource
	static void ollama(DynamicPropertyRegistry registry) {
		registry.add("ingest.embedding", () -> "ollama");
		registry.add("ingest.ollama.url", OLLAMA::url);
	}

	@AfterAll
	static void stopStub() {
		OLLAMA.close();
	}

	@Test
	void pdfsAndMarkdownQueuedBySqlEndIndexedWithOneActiveVersionEach() throws Exception {
		List<Long> rows = List.of(
				this.queue.queueNew(this.queue.copy(TestPdfs.textPages(this.tmp.resolve("a.pdf"), 5), "in/a.pdf")),
				this.queue.queueNew(this.queue.copy(TestPdfs.textPages(this.tmp.resolve("b.pdf"), 2), "in/b.pdf")),
				this.queue.queueNew(this.queue.writeText("in/c.md", "# C\n\nMarkdown through Ollama on MySQL.\n")));

		IngestRunner.Result result = this.runner.runOnce();

		assertThat(result.outcome()).isEqualTo(RunOutcome.COMPLETED);
		for (long id : rows) {
			Row row = this.queue.row(id);
			assertThat(row.status()).isEqualTo("indexed");
			assertThat(row.started()).isTrue();
			assertThat(row.ended()).isTrue();
			assertThat(row.ragMessage()).matches("indexed \\d+ chunks? from \\d+ pages?");
			assertThat(this.queue.activeVersions(row.nodeId())).isEqualTo(1);
			assertThat(this.queue.activeChunks(row.nodeId())).isPositive();
		}
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_chunk WHERE embedding_dimension <> 768 "
				+ "OR embedding_model <> 'ollama:nomic-embed-text'")).isZero();
		assertThat(OLLAMA.calls()).isNotEmpty();
	}


}
