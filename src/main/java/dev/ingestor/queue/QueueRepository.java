package dev.ingestor.queue;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The queue rows' state changes. Every change after the reservation is fenced by the
 * reservation token, and every time is the database's, so that clocks of several workers
 * never disagree.
 */
@Repository
public class QueueRepository {

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	/**
	 * A single statement that must commit at once runs outside any transaction, in autocommit:
	 * one round trip, where a transaction of its own takes four.
	 */
	private final TransactionTemplate autocommit;

	QueueRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.autocommit = new TransactionTemplate(transactionManager);
		this.autocommit.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
	}

	/**
	 * Takes a queued row for this run, committed at once (even inside a chunk transaction) so
	 * that the manager sees {@code processing} while the work runs. Empty when someone else
	 * took it first or the manager withdrew it.
	 */
	public Optional<Reservation> reserve(QueueItem item, long jobExecutionId) {
		String token = UUID.randomUUID().toString();
		int updated = this.autocommit.execute(status -> this.jdbc.sql("""
				UPDATE ingestion_queue_item
				SET status = 'processing', reservation_token = :token, job_execution_id = :run,
				    started_at = CURRENT_TIMESTAMP(6), heartbeat_at = CURRENT_TIMESTAMP(6),
				    ended_at = NULL, rag_message = NULL
				WHERE id = :id AND status = 'queued'""")
			.param("token", token)
			.param("run", jobExecutionId)
			.param("id", item.id())
			.update());
		return (updated == 1) ? Optional.of(new Reservation(item, token, jobExecutionId)) : Optional.empty();
	}

	/** Renews the heartbeat at once, in autocommit; false means the reservation was lost. */
	public boolean heartbeat(Reservation reservation) {
		return this.autocommit.execute(status -> this.jdbc.sql("""
				UPDATE ingestion_queue_item SET heartbeat_at = CURRENT_TIMESTAMP(6)
				WHERE id = :id AND status = 'processing' AND reservation_token = :token""")
			.param("id", reservation.itemId())
			.param("token", reservation.token())
			.update()) == 1;
	}

	/**
	 * Ends a reserved row in the caller's transaction. False when the reservation was lost,
	 * in which case the caller must roll back whatever it wrote with it.
	 */
	public boolean finish(Reservation reservation, QueueStatus status, String message) {
		return this.jdbc.sql("""
				UPDATE ingestion_queue_item
				SET status = :status, rag_message = :message, ended_at = CURRENT_TIMESTAMP(6)
				WHERE id = :id AND status = 'processing' AND reservation_token = :token""")
			.param("status", status.dbValue())
			.param("message", IngestionLog.fit(message))
			.param("id", reservation.itemId())
			.param("token", reservation.token())
			.update() == 1;
	}

	/**
	 * Ends a failed row in its own transaction, so that the outcome survives a rollback of the
	 * chunk that was processing it. Fenced by the run id: a row that another run took over is
	 * left alone. False when the row was no longer this run's.
	 */
	public boolean failInOwnTransaction(long itemId, long jobExecutionId, QueueStatus status, String message,
			IngestionLog log) {
		return this.ownTransaction.execute(tx -> {
			int updated = this.jdbc.sql("""
					UPDATE ingestion_queue_item
					SET status = :status, rag_message = :message, ended_at = CURRENT_TIMESTAMP(6)
					WHERE id = :id AND status = 'processing' AND job_execution_id = :run""")
				.param("status", status.dbValue())
				.param("message", IngestionLog.fit(message))
				.param("id", itemId)
				.param("run", jobExecutionId)
				.update();
			if (updated == 1) {
				log.appendOutcome(itemId, jobExecutionId, IngestionLog.Level.ERROR, status.dbValue(), null,
						status.dbValue() + ": " + message);
			}
			return updated == 1;
		});
	}

	/**
	 * Gives a reserved row back to the queue in its own transaction, as if it had never been
	 * taken (attempts unchanged), with a log row saying why. Fenced by the run id, like
	 * {@link #failInOwnTransaction}. False when the row was no longer this run's.
	 */
	public boolean requeueInOwnTransaction(long itemId, long jobExecutionId, String reason, IngestionLog log) {
		return this.ownTransaction.execute(tx -> {
			int updated = this.jdbc.sql("""
					UPDATE ingestion_queue_item
					SET status = 'queued', reservation_token = NULL, heartbeat_at = NULL, started_at = NULL
					WHERE id = :id AND status = 'processing' AND job_execution_id = :run""")
				.param("id", itemId)
				.param("run", jobExecutionId)
				.update();
			if (updated == 1) {
				log.appendOutcome(itemId, jobExecutionId, IngestionLog.Level.WARN, "requeued", null, reason);
			}
			return updated == 1;
		});
	}

	/** Queues a file that is already under storage, the way a manager would; returns the row id. */
	public long enqueue(String documentName, String storagePath) {
		long nodeId = insert("INSERT INTO document_node (name) VALUES (:v)", documentName);
		return queue(nodeId, storagePath);
	}

	/** Queues one more row for an existing document; returns the row id. */
	public long queue(long nodeId, String storagePath) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO ingestion_queue_item (document_node_id, storage_path) VALUES (:node, :path)")
			.param("node", nodeId)
			.param("path", storagePath)
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** Rows that point at this storage path: how the inbox tells whether a take was committed. */
	long countWithStoragePath(String storagePath) {
		return this.jdbc.sql("SELECT COUNT(*) FROM ingestion_queue_item WHERE storage_path = :path")
			.param("path", storagePath)
			.query(Long.class)
			.single();
	}

	private long insert(String sql, String value) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql(sql).param("v", value).update(keys, "id");
		return keys.getKey().longValue();
	}

	/** Rows per status, every status present (zero when none). */
	public Map<String, Long> countByStatus() {
		Map<String, Long> counts = new TreeMap<>();
		for (QueueStatus status : QueueStatus.values()) {
			counts.put(status.dbValue(), 0L);
		}
		this.jdbc.sql("SELECT status, COUNT(*) AS n FROM ingestion_queue_item GROUP BY status")
			.query((rs, row) -> counts.put(rs.getString("status"), rs.getLong("n")))
			.list();
		return counts;
	}

	/** Whether any row waits; the daemon asks before it creates a job execution. */
	public boolean hasQueued() {
		return this.jdbc.sql("SELECT id FROM ingestion_queue_item WHERE status = 'queued' LIMIT 1")
			.query(Long.class)
			.optional()
			.isPresent();
	}

}
