package dev.ingestor.web.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ingestor.queue.QueueStatus;

import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the console shows of one tenant that neither the report nor the API reads: the queue and
 * its failures per tenant, items by path and time, an item's whole log, documents with their
 * active version, chunk previews. Every query is scoped to the tenant.
 */
@Component
@Profile("serve")
class ConsoleQueries {

	private static final String OF_TENANT = " JOIN document_node n ON n.id = q.document_node_id WHERE n.tenant_id = :tenant";

	private static final String ITEMS = "SELECT q.id, q.storage_path, q.status, q.created_at, q.ended_at, q.attempts, "
			+ "q.rag_message, q.job_execution_id FROM ingestion_queue_item q" + OF_TENANT;

	private final JdbcClient jdbc;

	ConsoleQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Map<String, Long> queueCounts(String tenant) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (QueueStatus status : QueueStatus.values()) {
			counts.put(status.dbValue(), 0L);
		}
		this.jdbc.sql("SELECT q.status, COUNT(*) AS n FROM ingestion_queue_item q" + OF_TENANT + " GROUP BY q.status")
			.param("tenant", tenant)
			.query((rs, row) -> counts.put(rs.getString("status"), rs.getLong("n")))
			.list();
		return counts;
	}

	/** Items newest first, keyset-paged below {@code beforeId}; each filter applies when set. */
	List<Item> items(String tenant, ItemFilter filter, Long beforeId, int limit) {
		StringBuilder sql = new StringBuilder(ITEMS);
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("tenant", tenant);
		if (filter.status() != null) {
			sql.append(" AND q.status = :status");
			params.put("status", filter.status());
		}
		if (filter.path() != null) {
			sql.append(" AND q.storage_path LIKE :path ESCAPE '!'");
			params.put("path", "%" + filter.path().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
		}
		if (filter.from() != null) {
			sql.append(" AND q.created_at >= :from");
			params.put("from", filter.from());
		}
		if (filter.to() != null) {
			sql.append(" AND q.created_at < :to");
			params.put("to", filter.to());
		}
		if (beforeId != null) {
			sql.append(" AND q.id < :before");
			params.put("before", beforeId);
		}
		sql.append(" ORDER BY q.id DESC LIMIT ").append(limit);
		return this.jdbc.sql(sql.toString()).params(params).query(ConsoleQueries::item).list();
	}

	Optional<Item> item(String tenant, long id) {
		return this.jdbc.sql(ITEMS + " AND q.id = :id")
			.param("tenant", tenant)
			.param("id", id)
			.query(ConsoleQueries::item)
			.optional();
	}

	/** Every ingestion_log row of one item, oldest first: the whole history, requeues included. */
	List<LogRow> log(long itemId) {
		return this.jdbc.sql("SELECT job_execution_id, level, outcome, message, created_at FROM ingestion_log "
				+ "WHERE queue_item_id = :id ORDER BY id")
			.param("id", itemId)
			.query((rs, row) -> new LogRow((Long) rs.getObject("job_execution_id", Long.class), rs.getString("level"),
					rs.getString("outcome"), rs.getString("message"), time(rs.getTimestamp("created_at"))))
			.list();
	}

	/** The latest failed and download_failed items of the tenant. */
	List<Item> failures(String tenant, int limit) {
		return this.jdbc.sql(ITEMS + " AND q.status IN ('failed', 'download_failed') ORDER BY q.ended_at DESC, q.id DESC LIMIT " + limit)
			.param("tenant", tenant)
			.query(ConsoleQueries::item)
			.list();
	}

	/** Documents newest first with their active version, keyset-paged below {@code beforeId}. */
	List<DocumentRow> documents(String tenant, Long beforeId, int limit) {
		return this.jdbc.sql("""
				SELECT n.id, n.name, v.id AS version_id, v.page_count, v.chunk_count, v.embedding_model, v.created_at
				FROM document_node n
				LEFT JOIN document_version v ON v.document_node_id = n.id AND v.is_active = TRUE
				WHERE n.tenant_id = :tenant AND n.id < :before ORDER BY n.id DESC LIMIT :limit""")
			.param("tenant", tenant)
			.param("before", (beforeId != null) ? beforeId : Long.MAX_VALUE)
			.param("limit", limit)
			.query((rs, row) -> new DocumentRow(rs.getLong("id"), rs.getString("name"),
					(Long) rs.getObject("version_id", Long.class), rs.getInt("page_count"), rs.getInt("chunk_count"),
					rs.getString("embedding_model"), time(rs.getTimestamp("created_at"))))
			.list();
	}

	/** The first chunks of a version with their pages; {@code previewChars} of each. */
	List<ChunkPreview> chunks(long versionId, int limit, int previewChars) {
		return this.jdbc.sql("SELECT chunk_index, page_start, page_end, token_count, SUBSTRING(content, 1, :chars) AS preview "
				+ "FROM document_chunk WHERE document_version_id = :version ORDER BY chunk_index LIMIT :limit")
			.param("version", versionId)
			.param("chars", previewChars)
			.param("limit", limit)
			.query((rs, row) -> new ChunkPreview(rs.getInt("chunk_index"), rs.getInt("page_start"), rs.getInt("page_end"),
					rs.getInt("token_count"), rs.getString("preview")))
			.list();
	}

	/** Whether the tenant owns the item that is at this storage path (for the live progress). */
	boolean ownsPath(String tenant, String storagePath) {
		return this.jdbc.sql("SELECT COUNT(*) FROM ingestion_queue_item q" + OF_TENANT + " AND q.storage_path = :path")
			.param("tenant", tenant)
			.param("path", storagePath)
			.query(Long.class)
			.single() > 0;
	}

	private static Item item(ResultSet rs, int row) throws SQLException {
		return new Item(rs.getLong("id"), rs.getString("storage_path"), rs.getString("status"),
				time(rs.getTimestamp("created_at")), time(rs.getTimestamp("ended_at")), rs.getInt("attempts"),
				rs.getString("rag_message"), (Long) rs.getObject("job_execution_id", Long.class));
	}

	private static LocalDateTime time(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toLocalDateTime() : null;
	}

	/** The items page's filters, each optional; times are UTC. */
	record ItemFilter(String status, String path, LocalDateTime from, LocalDateTime to) {
	}

	record Item(long id, String storagePath, String status, LocalDateTime createdAt, LocalDateTime endedAt,
			int attempts, String message, Long runId) {

		public boolean requeueable() {
			return "failed".equals(this.status) || "download_failed".equals(this.status);
		}

	}

	record LogRow(Long runId, String level, String outcome, String message, LocalDateTime time) {
	}

	record DocumentRow(long id, String name, Long activeVersionId, int pages, int chunks, String model,
			LocalDateTime indexedAt) {
	}

	record ChunkPreview(int index, int pageStart, int pageEnd, int tokens, String preview) {
	}

}
