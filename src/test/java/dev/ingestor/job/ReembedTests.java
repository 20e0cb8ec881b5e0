package dev.ingestor.job;

import java.util.List;

import dev.ingestor.queue.Requeue;
import dev.ingestor.support.H2JobTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "unchanged" short-circuit holds only for the same model and chunking; {@code reindex}
 * forces a re-embedding and {@code requeue} sends failed rows back with their history.
 */
class ReembedTests extends H2JobTestBase {

	@Autowired
	Requeue requeue;

	@Test
	void identicalContentStoredByAnotherModelOrChunkingIsEmbeddedAgain() throws Exception {
		String path = this.queue.writeText("docs/model.txt", "Vectors of one model are no use to another.");
		long node = this.queue.node("model.txt");
		this.queue.queue(node, path);
		this.jobOperatorTestUtils.startJob();
		// What the stored key looks like after a run with other settings (another model, chunk size...).
		this.jdbc.sql("UPDATE document_version SET dedup_key = :other").param("other", "0".repeat(64)).update();
		long again = this.queue.queue(node, path);

		this.jobOperatorTestUtils.startJob();

		assertThat(this.queue.row(again).status()).isEqualTo("indexed");
		assertThat(this.queue.row(again).ragMessage()).doesNotStartWith("unchanged");
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_version WHERE document_node_id = " + node)).isEqualTo(2);
		assertThat(this.queue.activeVersions(node)).isEqualTo(1);
	}

	@Test
	void reindexQueuesTheDocumentAgainAndItsUnchangedContentIsReEmbedded() throws Exception {
		long node = this.queue.node("re.txt");
		this.queue.queue(node, this.queue.writeText("docs/re.txt", "Reindex embeds this again."));
		long other = this.queue.queueNew(this.queue.writeText("docs/other.txt", "Not reindexed."));
		this.jobOperatorTestUtils.startJob();

		List<Long> queued = this.requeue.reindex(List.of(node));
		this.jobOperatorTestUtils.startJob();

		assertThat(queued).hasSize(1);
		assertThat(this.queue.row(queued.get(0)).nodeId()).isEqualTo(node);
		assertThat(this.queue.row(queued.get(0)).ragMessage()).startsWith("indexed");
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_version WHERE document_node_id = " + node)).isEqualTo(2);
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_version WHERE document_node_id = "
				+ this.queue.row(other).nodeId())).isEqualTo(1);
	}

	@Test
	void requeueByMessagePatternSendsFailedRowsBackAndKeepsTheirHistory() throws Exception {
		long missing = this.queue.queueNew("docs/not-there-yet.txt");
		long corrupt = this.queue.queueNew(this.queue.writeText("docs/broken.pdf", "%PDF-1.4 not really"));
		this.jobOperatorTestUtils.startJob();
		assertThat(this.queue.row(missing).status()).isEqualTo("download_failed");

		List<Long> requeued = this.requeue.requeue(
				new Requeue.Selection(List.of(), List.of(), null, null, "file not found%"));
		this.queue.writeText("docs/not-there-yet.txt", "Here now.");
		this.jobOperatorTestUtils.startJob();

		assertThat(requeued).containsExactly(missing);
		assertThat(this.queue.row(missing).status()).isEqualTo("indexed");
		assertThat(this.queue.row(corrupt).status()).isEqualTo("failed");
		assertThat(this.queue.logMessages(missing)).anyMatch(m -> m.startsWith("download_failed: file not found"))
			.anyMatch(m -> m.startsWith("requeued by an operator; it was download_failed"))
			.anyMatch(m -> m.startsWith("indexed"));
	}

}
