package dev.ingestor.job;

import java.util.ArrayList;
import java.util.List;

import dev.ingestor.support.QueueFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What happens when the database refuses one item's result, at any commit interval: only that
 * item ends {@code failed} with the database's reason, the other items of its chunk commit, no
 * row stays {@code processing}, and the job completes. Also: a row the manager sets back to
 * {@code queued} is processed again.
 */
interface WriteFailureContract {

	QueueFixture queue();

	JdbcClient jdbc();

	JobOperatorTestUtils jobs();

	@AfterEach
	default void dropRefusal() {
		jdbc().sql("ALTER TABLE document_chunk DROP CONSTRAINT IF EXISTS ck_test_refuse").update();
	}

	@Test
	default void chunkTheDatabaseRefusesFailsOnlyItsItemAndTheOthersAreIndexed() throws Exception {
		// A data error caused by one item's content, the same on every database: a CHECK constraint.
		jdbc().sql("ALTER TABLE document_chunk ADD CONSTRAINT ck_test_refuse CHECK (content NOT LIKE '%REFUSE-ME%')")
			.update();
		List<Long> good = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			good.add(queue().queueNew(queue().writeText("w/good-" + i + ".md", "# Good " + i + "\n\nAccepted text " + i + ".\n")));
		}
		long bad = queue().queueNew(queue().writeText("w/bad.md", "# Bad\n\nThe database says REFUSE-ME to this.\n"));
		good.add(queue().queueNew(queue().writeText("w/good-last.md", "# Last\n\nAccepted after the bad one.\n")));

		JobExecution execution = jobs().startJob();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		QueueFixture.Row refused = queue().row(bad);
		assertThat(refused.status()).isEqualTo("failed");
		assertThat(refused.ragMessage()).startsWith("the database refused this document's data: ")
			.containsIgnoringCase("ck_test_refuse");
		assertThat(queue().logMessages(bad)).anyMatch(m -> m.startsWith("failed: the database refused"));
		assertThat(queue().count("SELECT COUNT(*) FROM document_version WHERE queue_item_id = " + bad)).isZero();
		assertThat(good).allSatisfy(id -> {
			assertThat(queue().row(id).status()).isEqualTo("indexed");
			assertThat(queue().activeChunks(queue().row(id).nodeId())).isPositive();
		});
		assertThat(queue().count("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'processing'")).isZero();
	}

	@Test
	default void rowTheManagerQueuesAgainIsProcessedAgain() throws Exception {
		String path = queue().writeText("again/doc.md", "# Doc\n\nThe first text of the document.\n");
		long row = queue().queueNew(path);
		jobs().startJob();
		assertThat(queue().row(row).status()).isEqualTo("indexed");
		queue().writeText(path, "# Doc\n\nThe second text, after the manager replaced the file.\n");
		jdbc().sql("UPDATE ingestion_queue_item SET status = 'queued' WHERE id = :id").param("id", row).update();

		JobExecution again = jobs().startJob();

		assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		QueueFixture.Row result = queue().row(row);
		assertThat(result.status()).isEqualTo("indexed");
		assertThat(queue().count("SELECT COUNT(*) FROM document_version WHERE queue_item_id = " + row)).isEqualTo(2);
		assertThat(queue().activeVersions(result.nodeId())).isEqualTo(1);
		assertThat(jdbc().sql("""
				SELECT c.content FROM document_chunk c JOIN document_version v ON v.id = c.document_version_id
				WHERE v.document_node_id = :n AND c.is_active = TRUE""").param("n", result.nodeId())
			.query(String.class).list()).anyMatch(text -> text.contains("second text"));
	}

}
