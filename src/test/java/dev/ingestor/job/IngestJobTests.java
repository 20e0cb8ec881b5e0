package dev.ingestor.job;

import java.nio.file.Path;

import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.support.QueueFixture.Row;
import dev.ingestor.support.TestPdfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

class IngestJobTests extends H2JobTestBase {

	@TempDir
	Path tmp;

	@Test
	void queuedPdfAndMarkdownEndIndexedWithChunksAndOneActiveVersion() throws Exception {
		Path pdf = TestPdfs.textPages(this.tmp.resolve("guide.pdf"), 3);
		long pdfRow = this.queue.queueNew(this.queue.copy(pdf, "docs/guide.pdf"));
		long mdRow = this.queue.queueNew(this.queue.writeText("docs/notes.md", "# Notes\n\nThe worker indexes Markdown too.\n"));

		JobExecution execution = this.jobOperatorTestUtils.startJob();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Row pdfResult = this.queue.row(pdfRow);
		assertThat(pdfResult.status()).isEqualTo("indexed");
		assertThat(pdfResult.ragMessage()).matches("indexed \\d+ chunks from 3 pages");
		assertThat(pdfResult.started()).isTrue();
		assertThat(pdfResult.ended()).isTrue();
		assertThat(this.queue.row(mdRow).ragMessage()).isEqualTo("indexed 1 chunk from 1 page");
		assertThat(this.queue.activeVersions(pdfResult.nodeId())).isEqualTo(1);
		assertThat(this.queue.activeChunks(pdfResult.nodeId())).isGreaterThanOrEqualTo(3);
		assertThat(this.queue.logMessages(pdfRow)).anyMatch(m -> m.startsWith("indexed"));
		assertThat(this.queue.count("SELECT COUNT(DISTINCT page_start) FROM document_chunk c JOIN document_version v "
				+ "ON v.id = c.document_version_id WHERE v.document_node_id = " + pdfResult.nodeId())).isEqualTo(3);
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_chunk WHERE embedding_dimension <> 384 "
				+ "OR embedding_model <> 'local:all-minilm-l6-v2' OR OCTET_LENGTH(embedding) <> 384 * 4")).isZero();
		StepExecution ingest = execution.getStepExecutions().stream()
			.filter(step -> step.getStepName().equals("ingestQueuedItems")).findFirst().orElseThrow();
		assertThat(ingest.getReadCount()).isEqualTo(2);
		assertThat(ingest.getWriteCount()).isEqualTo(2);
	}

	@Test
	void requeuedIdenticalContentIsIndexedAsUnchangedWithoutNewVersion() throws Exception {
		String path = this.queue.writeText("docs/same.txt", "Identical content is not embedded twice.");
		long node = this.queue.node("same.txt");
		long first = this.queue.queue(node, path);
		this.jobOperatorTestUtils.startJob();
		long second = this.queue.queue(node, path);

		this.jobOperatorTestUtils.startJob();

		assertThat(this.queue.row(first).status()).isEqualTo("indexed");
		Row again = this.queue.row(second);
		assertThat(again.status()).isEqualTo("indexed");
		assertThat(again.ragMessage()).startsWith("unchanged");
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_version WHERE document_node_id = " + node)).isEqualTo(1);
	}

	@Test
	void changedContentBecomesTheOnlyActiveVersionAndOldChunksAreDeactivated() throws Exception {
		long node = this.queue.node("changing.txt");
		this.queue.queue(node, this.queue.writeText("v1/changing.txt", "First edition of the text."));
		this.jobOperatorTestUtils.startJob();
		this.queue.queue(node, this.queue.writeText("v2/changing.txt", "Second edition, with other words in it."));

		this.jobOperatorTestUtils.startJob();

		assertThat(this.queue.count("SELECT COUNT(*) FROM document_version WHERE document_node_id = " + node)).isEqualTo(2);
		assertThat(this.queue.activeVersions(node)).isEqualTo(1);
		assertThat(this.queue.count("""
				SELECT COUNT(*) FROM document_chunk c JOIN document_version v ON v.id = c.document_version_id
				WHERE v.document_node_id = %d AND v.is_active = FALSE AND c.is_active = TRUE""".formatted(node))).isZero();
		assertThat(this.jdbc.sql("""
				SELECT c.content FROM document_chunk c JOIN document_version v ON v.id = c.document_version_id
				WHERE v.document_node_id = :n AND c.is_active = TRUE""").param("n", node).query(String.class).single())
			.contains("Second edition");
	}

	@Test
	void emptyQueueCompletesWithoutReadingAnything() throws Exception {
		JobExecution execution = this.jobOperatorTestUtils.startJob();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getStepExecutions()).allMatch(step -> step.getReadCount() == 0);
	}

}
