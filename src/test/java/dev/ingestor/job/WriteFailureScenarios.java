package dev.ingestor.job;

import java.util.ArrayList;
import java.util.List;

import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.support.QueueFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What happens when the database refuses one item's result, at any commit interval: only that
 * item ends {@code failed} with the database's reason, the other items of its chunk commit, no
 * row stays {@code processing}, and the job completes. Also: a row the manager sets back to
 * {@code queued} is processed again.
 */
abstract class WriteFailureScenarios extends H2JobTestBase {

	@AfterEach
	void dropRefusal() {
		this.jdbc.sql("ALTER TABLE document_chunk DROP CONSTRAINT IF EXISTS ck_test_refuse").update();
	}

	@Test
	void chunkTheDatabaseRefusesFailsOnlyItsItemAndTheOthersAreIndexed() throws Exception {
		// A data error caused by one item's content, the same on every database: a CHECK constraint.
		this.jdbc.sql("ALTER TABLE document_chunk ADD CONSTRAINT ck_test_refuse CHECK (content NOT LIKE '%REFUSE-ME%')")
			.update();
		List<Long> good = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			good.add(this.queue.queueNew(this.queue.writeText("w/good-" + i + ".md", "# Good " + i + "\n\nAccepted text " + i + ".\n")));
		}
		long bad = this.queue.queueNew(this.queue.writeText("w/bad.md", "# Bad\n\nThe database says REFUSE-ME to this.\n"));
		good.add(this.queue.queueNew(this.queue.writeText("w/good-last.md", "# Last\n\nAccepted after the bad one.\n")));

		JobExecution execution = this.jobOperatorTestUtils.startJob();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		QueueFixture.Row refused = this.queue.row(bad);
		assertThat(refused.status()).isEqualTo("failed");
		assertThat(refused.ragMessage()).startsWith("the database refused this document's data: ")
			.containsIgnoringCase("ck_test_refuse");
		assertThat(this.queue.logMessages(bad)).anyMatch(m -> m.startsWith("failed: the database refused"));
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_version WHERE queue_item_id = " + bad)).isZero();
		assertThat(good).allSatisfy(id -> {
			assertThat(this.queue.row(id).status()).isEqualTo("indexed");
			assertThat(this.queue.activeChunks(this.queue.row(id).nodeId())).isPositive();
		});
		assertThat(this.queue.count("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'processing'")).isZero();
	}

	@Test
	void rowTheManagerQueuesAgainIsProcessedAgain() throws Exception {
		String path = this.queue.writeText("again/doc.md", "# Doc\n\nThe first text of the document.\n");
		long row = this.queue.queueNew(path);
		this.jobOperatorTestUtils.startJob();
		assertThat(this.queue.row(row).status()).isEqualTo("indexed");
		this.queue.writeText(path, "# Doc\n\nThe second text, after the manager replaced the file.\n");
		this.jdbc.sql("UPDATE ingestion_queue_item SET status = 'queued' WHERE id = :id").param("id", row).update();

		JobExecution again = this.jobOperatorTestUtils.startJob();

		assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		QueueFixture.Row result = this.queue.row(row);
		assertThat(result.status()).isEqualTo("indexed");
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_version WHERE queue_item_id = " + row)).isEqualTo(2);
		assertThat(this.queue.activeVersions(result.nodeId())).isEqualTo(1);
		assertThat(this.jdbc.sql("""
				SELECT c.content FROM document_chunk c JOIN document_version v ON v.id = c.document_version_id
				WHERE v.document_node_id = :n AND c.is_active = TRUE""").param("n", result.nodeId())
			.query(String.class).list()).anyMatch(text -> text.contains("second text"));
	}

}
