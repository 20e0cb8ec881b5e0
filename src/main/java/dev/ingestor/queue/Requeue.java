package dev.ingestor.queue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Operator actions on finished rows, so that nobody needs SQL: {@code requeue} sends terminal rows
 * back to {@code queued} (the old outcome stays in {@code ingestion_log}, and one log row says who
 * sent it back), {@code reindex} queues documents again and makes their next ingestion re-embed.
 */
@Component
public class Requeue {

	/** Statuses a row may be requeued from; queued and processing rows are left to the runs. */
	public static final Set<String> TERMINAL = Set.of("indexed", "failed", "download_failed");

	private static final Logger log = LoggerFactory.getLogger(Requeue.class);

	private final JdbcClient jdbc;

	private final IngestionLog ingestionLog;

	private final QueueRepository queue;

	Requeue(JdbcClient jdbc, IngestionLog ingestionLog, QueueRepository queue) {
		this.jdbc = jdbc;
		this.queue = queue;
		this.ingestionLog = ingestionLog;
	}

	/**
	 * Which rows to requeue; every given criterion must hold (none given: every failed row).
	 *
	 * @param ids these rows only, when not empty
	 * @param statuses among these statuses ({@code failed} and {@code download_failed} when empty)
	 * @param endedFrom ended at or after this (UTC), when set
	 * @param endedBefore ended before this (UTC), when set
	 * @param messageLike {@code rag_message} matches this SQL LIKE pattern, when set
	 */
	public record Selection(List<Long> ids, List<String> statuses, LocalDateTime endedFrom, LocalDateTime endedBefore,
			String messageLike) {
	}

	/** Sends the selected terminal rows back to the queue; returns their ids. */
	@Transactional
	public List<Long> requeue(Selection selection) {
		List<String> statuses = selection.statuses().isEmpty() ? List.of("failed", "download_failed") : selection.statuses();
		for (String status : statuses) {
			if (!TERMINAL.contains(status)) {
				throw new IllegalArgumentException("cannot requeue rows in status '" + status + "'; choose among " + TERMINAL);
			}
		}
		StringBuilder where = new StringBuilder("status IN (:statuses)");
		if (!selection.ids().isEmpty()) {
			where.append(" AND id IN (:ids)");
		}
		if (selection.endedFrom() != null) {
			where.append(" AND ended_at >= :from");
		}
		if (selection.endedBefore() != null) {
			where.append(" AND ended_at < :before");
		}
		if (selection.messageLike() != null) {
			where.append(" AND rag_message LIKE :message");
		}
		Map<String, Object> params = new HashMap<>();
		params.put("statuses", statuses);
		params.put("ids", selection.ids().isEmpty() ? List.of(-1L) : selection.ids());
		params.put("from", selection.endedFrom());
		params.put("before", selection.endedBefore());
		params.put("message", selection.messageLike());
		List<Row> rows = this.jdbc.sql("SELECT id, status, rag_message FROM ingestion_queue_item WHERE " + where
				+ " ORDER BY id FOR UPDATE")
			.params(params)
			.query((rs, n) -> new Row(rs.getLong("id"), rs.getString("status"), rs.getString("rag_message")))
			.list();
		List<Long> requeued = new ArrayList<>(rows.size());
		for (Row row : rows) {
			if (sendBack(row.id(), row.status())) {
				this.ingestionLog.appendOutcome(row.id(), null, IngestionLog.Level.INFO, "requeued", null,
						"requeued by an operator; it was " + row.status() + ": " + row.ragMessage());
				requeued.add(row.id());
			}
		}
		log.info("requeued {} row(s): {}", requeued.size(), requeued);
		return requeued;
	}

	/**
	 * Forgets the documents' "unchanged" keys and queues each once more from the storage path of
	 * its latest row, so that the next run embeds it again with the current model and chunking.
	 * All documents that have a version when {@code documentIds} is empty. Returns the new row ids.
	 */
	@Transactional
	public List<Long> reindex(List<Long> documentIds) {
		String filter = documentIds.isEmpty() ? "" : " WHERE n.id IN (:nodes)";
		List<Long> nodes = this.jdbc.sql("SELECT DISTINCT n.id FROM document_node n JOIN document_version v "
				+ "ON v.document_node_id = n.id" + filter + " ORDER BY n.id")
			.param("nodes", documentIds.isEmpty() ? List.of(-1L) : documentIds)
			.query(Long.class)
			.list();
		List<Long> queued = new ArrayList<>(nodes.size());
		for (long node : nodes) {
			this.jdbc.sql("UPDATE document_version SET dedup_key = NULL WHERE document_node_id = :node")
				.param("node", node)
				.update();
			long row = queueAgain(node);
			this.ingestionLog.appendOutcome(row, null, IngestionLog.Level.INFO, null, null,
					"queued by reindex: document " + node + " is embedded again");
			queued.add(row);
		}
		log.info("reindex queued {} document(s)", queued.size());
		return queued;
	}

	private boolean sendBack(long id, String status) {
		return this.jdbc.sql("""
				UPDATE ingestion_queue_item
				SET status = 'queued', rag_message = NULL, started_at = NULL, ended_at = NULL, heartbeat_at = NULL,
				    reservation_token = NULL, attempts = 0, job_execution_id = NULL
				WHERE id = :id AND status = :status""")
			.param("id", id)
			.param("status", status)
			.update() == 1;
	}

	private long queueAgain(long node) {
		String path = this.jdbc.sql("SELECT storage_path FROM ingestion_queue_item WHERE document_node_id = :node "
				+ "ORDER BY id DESC LIMIT 1")
			.param("node", node)
			.query(String.class)
			.single();
		return this.queue.queue(node, path);
	}

	private record Row(long id, String status, String ragMessage) {
	}

}
