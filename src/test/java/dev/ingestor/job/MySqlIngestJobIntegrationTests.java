package dev.ingestor.job;

import java.nio.file.Path;

import dev.ingestor.support.MySqlJobTestBase;
import dev.ingestor.support.QueueFixture.Row;
import dev.ingestor.support.TestPdfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static org.assertj.core.api.Assertions.assertThat;

class MySqlIngestJobIntegrationTests extends MySqlJobTestBase {

	@TempDir
	Path tmp;

	@Test
	void queuedPdfAndMarkdownEndIndexedOnMySql() throws Exception {
		long pdfRow = this.queue.queueNew(this.queue.copy(TestPdfs.textPages(this.tmp.resolve("a.pdf"), 4), "dir/a.pdf"));
		long mdRow = this.queue.queueNew(this.queue.writeText("dir/b.md", "# Title\n\nMarkdown on MySQL, with ünïcödé.\n"));

		JobExecution execution = this.jobOperatorTestUtils.startJob();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		for (long id : new long[] { pdfRow, mdRow }) {
			Row row = this.queue.row(id);
			assertThat(row.status()).isEqualTo("indexed");
			assertThat(row.started()).isTrue();
			assertThat(row.ended()).isTrue();
			assertThat(row.ragMessage()).startsWith("indexed");
			assertThat(this.queue.activeVersions(row.nodeId())).isEqualTo(1);
			assertThat(this.queue.activeChunks(row.nodeId())).isPositive();
		}
		assertThat(this.jdbc.sql("SELECT content FROM document_chunk c JOIN document_version v ON v.id = c.document_version_id "
				+ "WHERE v.document_node_id = :n").param("n", this.queue.row(mdRow).nodeId()).query(String.class).single())
			.contains("ünïcödé");
	}

	@Test
	void reRunOfIdenticalContentIsUnchangedOnMySql() throws Exception {
		String path = this.queue.writeText("dir/same.txt", "Same bytes twice.");
		long node = this.queue.node("same.txt");
		this.queue.queue(node, path);
		this.jobOperatorTestUtils.startJob();
		long again = this.queue.queue(node, path);

		this.jobOperatorTestUtils.startJob();

		assertThat(this.queue.row(again).ragMessage()).startsWith("unchanged");
		assertThat(this.queue.activeVersions(node)).isEqualTo(1);
	}

}
