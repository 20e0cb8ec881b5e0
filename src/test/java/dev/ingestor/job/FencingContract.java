package dev.ingestor.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ingestor.extract.DocumentMetadata;
import dev.ingestor.queue.IngestionLog;
import dev.ingestor.queue.QueueItem;
import dev.ingestor.queue.QueueRepository;
import dev.ingestor.queue.QueueStatus;
import dev.ingestor.queue.Reservation;
import dev.ingestor.queue.ReservationLostException;
import dev.ingestor.split.TextChunk;
import dev.ingestor.store.DocumentStore;
import dev.ingestor.store.PendingVersion;
import dev.ingestor.store.PendingVersions;
import dev.ingestor.support.MutableClock;
import dev.ingestor.support.QueueFixture;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fencing and the unique keys behind idempotence, run on every database we support: a run that
 * lost its reservation can write nothing, and the schema itself refuses a second active version,
 * a duplicate chunk and a second version from the same queue row.
 */
interface FencingContract {

	QueueFixture queue();

	JdbcClient jdbc();

	/** The test's application context; the beans under test come from it. */
	ApplicationContext context();

	default QueueRepository queueRepository() {
		return context().getBean(QueueRepository.class);
	}

	default DocumentStore store() {
		return context().getBean(DocumentStore.class);
	}

	default IngestionLog ingestionLog() {
		return context().getBean(IngestionLog.class);
	}

	default PlatformTransactionManager transactionManager() {
		return context().getBean(PlatformTransactionManager.class);
	}

	default IngestItemWriter writer() {
		return context().getBean(IngestItemWriter.class);
	}

	@Test
	default void runThatLostItsReservationCannotOverwriteTheNewHolder() throws Exception {
		long id = queue().queueNew(queue().writeText("fence/a.txt", "fenced"));
		QueueItem item = new QueueItem(id, queue().row(id).nodeId(), "fence/a.txt", 0);
		Reservation old = queueRepository().reserve(item, 1).orElseThrow();
		// What recoverStaleItems does to a row of a dead (or presumed dead) run, then a new run takes it.
		jdbc().sql("UPDATE ingestion_queue_item SET status = 'queued', reservation_token = NULL, attempts = 1 WHERE id = :id")
			.param("id", id)
			.update();
		Reservation current = queueRepository().reserve(item, 2).orElseThrow();
		IngestItemWriter writer = writer();
		TransactionTemplate tx = new TransactionTemplate(transactionManager());

		assertThat(queueRepository().heartbeat(old)).isFalse();
		Boolean finished = tx.execute(status -> queueRepository().finish(old, QueueStatus.INDEXED, "stale"));
		assertThat(finished).isFalse();
		writer.commit(embedded(old));
		assertThat(queueRepository().failInOwnTransaction(id, 1, QueueStatus.FAILED, "stale", ingestionLog())).isFalse();

		QueueFixture.Row row = queue().row(id);
		assertThat(row.status()).isEqualTo("processing");
		assertThat(row.ragMessage()).isNull();
		assertThat(queue().count("SELECT COUNT(*) FROM document_version WHERE queue_item_id = " + id)).isZero();
		assertThat(queue().logMessages(id)).isEmpty();
		assertThat(queueRepository().heartbeat(current)).isTrue();

		writer.commit(embedded(current));

		assertThat(queue().row(id).status()).isEqualTo("indexed");
		assertThat(queue().activeVersions(row.nodeId())).isEqualTo(1);
		assertThat(queue().activeChunks(row.nodeId())).isEqualTo(2);
	}

	@Test
	default void heartbeatRenewsOnlyWhenDueAndStopsTheDocumentOnceItsReservationIsLost() throws Exception {
		long id = queue().queueNew(queue().writeText("fence/beat.txt", "beat"));
		Reservation reservation = queueRepository()
			.reserve(new QueueItem(id, queue().row(id).nodeId(), "fence/beat.txt", 0), 1)
			.orElseThrow();
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		Duration staleAfter = Duration.ofMinutes(10);
		Heartbeat heartbeat = new Heartbeat(queueRepository(), reservation, clock, staleAfter);
		String marked = "UPDATE ingestion_queue_item SET heartbeat_at = TIMESTAMP '2001-01-01 00:00:00' WHERE id = " + id;
		jdbc().sql(marked).update();
		String beat = "SELECT COUNT(*) FROM ingestion_queue_item WHERE heartbeat_at > TIMESTAMP '2001-01-02 00:00:00' AND id = " + id;

		clock.advance(staleAfter.dividedBy(Heartbeat.RENEWALS_PER_STALE_AGE).minusSeconds(1));
		heartbeat.run();
		assertThat(queue().count(beat)).as("renewed before it was due").isZero();
		clock.advance(Duration.ofSeconds(1));
		heartbeat.run();
		assertThat(queue().count(beat)).as("renewed once due").isEqualTo(1);

		jdbc().sql("UPDATE ingestion_queue_item SET reservation_token = 'another run' WHERE id = " + id).update();
		heartbeat.run();
		clock.advance(staleAfter.dividedBy(Heartbeat.RENEWALS_PER_STALE_AGE));
		assertThatThrownBy(heartbeat::run).isInstanceOf(ReservationLostException.class);
	}

	@Test
	default void schemaRefusesSecondActiveVersionDuplicateChunkAndSecondVersionPerReservation() throws Exception {
		long node = queue().node("keys.txt");
		long first = queue().queue(node, "keys/1.txt");
		long second = queue().queue(node, "keys/2.txt");
		long version = insertVersion(node, first, "token-1", true);

		assertThatThrownBy(() -> insertVersion(node, second, "token-2", true))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> insertVersion(node, first, "token-1", false))
			.isInstanceOf(DataIntegrityViolationException.class);
		insertChunk(version, 0);
		assertThatThrownBy(() -> insertChunk(version, 0)).isInstanceOf(DataIntegrityViolationException.class);
		// Inactive versions (active_node_id NULL) are not limited: history keeps every one, and a
		// row the manager queued again is a new reservation that may store a new version.
		insertVersion(node, second, "token-2", false);
		insertVersion(node, first, "token-3", false);
		assertThat(queue().count("SELECT COUNT(*) FROM document_version WHERE document_node_id = :n", Map.of("n", node)))
			.isEqualTo(3);
	}

	private long insertVersion(long node, long item, String token, boolean active) {
		jdbc().sql("""
				INSERT INTO document_version (document_node_id, queue_item_id, content_hash, is_active, active_node_id,
				  embedding_model, embedding_dimension, page_count, chunk_count, reservation_token)
				VALUES (:node, :item, :hash, :active, :activeNode, 'm', 2, 1, 1, :token)""")
			.param("node", node)
			.param("item", item)
			.param("hash", "0".repeat(64))
			.param("active", active)
			.param("activeNode", active ? node : null)
			.param("token", token)
			.update();
		return jdbc().sql("SELECT id FROM document_version WHERE queue_item_id = :item AND reservation_token = :token")
			.param("item", item).param("token", token)
			.query(Long.class).single();
	}

	private void insertChunk(long version, int index) {
		jdbc().sql("""
				INSERT INTO document_chunk (document_version_id, chunk_index, is_active, content, token_count, page_start,
				  page_end, embedding, embedding_model, embedding_dimension)
				VALUES (:v, :i, TRUE, 'text', 1, 1, 1, :e, 'm', 2)""")
			.param("v", version)
			.param("i", index)
			.param("e", new byte[8])
			.update();
	}

	/** What the processor hands over: a pending version written under this reservation. */
	private IngestOutcome.Embedded embedded(Reservation reservation) {
		PendingVersions pending = context().getBean(PendingVersions.class);
		long version = pending.open(reservation.item().documentNodeId(), reservation.itemId(), reservation.token(),
				"a".repeat(64), 1, "test-model", DocumentMetadata.NONE);
		pending.append(version, "test-model", List.of(new TextChunk(0, "one", 1, 1, 1), new TextChunk(1, "two", 1, 1, 1)),
				List.of(new float[] { 1, 0 }, new float[] { 0, 1 }));
		return new IngestOutcome.Embedded(reservation, new PendingVersion(version, "a".repeat(64), 1, 2, 2, 0));
	}

}
