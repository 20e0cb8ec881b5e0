package dev.ingestor.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Queue rows as the API shows them, always within one tenant: another tenant's row does not exist. */
@Repository
public class ItemQueries {

	private static final String SELECT = """
			SELECT q.id, q.document_node_id, q.kind, q.status, q.created_at, q.started_at, q.ended_at, q.attempts,
			       q.rag_message, v.id AS version_id, v.chunk_count
			FROM ingestion_queue_item q
			JOIN document_node n ON n.id = q.document_node_id
			LEFT JOIN document_version v ON v.queue_item_id = q.id AND v.pending = FALSE
			WHERE n.tenant_id = :tenant""";

	private final JdbcClient jdbc;

	ItemQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Item> find(String tenant, long id) {
		return this.jdbc.sql(SELECT + " AND q.id = :id").param("tenant", tenant).param("id", id).query(ItemQueries::item).optional();
	}

	/**
	 * Newest first, keyset-paged on the id: a page starts below {@code beforeId}, so rows that
	 * arrive meanwhile never shift the pages.
	 */
	public List<Item> list(String tenant, String status, Long documentId, Long beforeId, int limit) {
		StringBuilder sql = new StringBuilder(SELECT);
		var params = new java.util.LinkedHashMap<String, Object>();
		params.put("tenant", tenant);
		if (status != null) {
			sql.append(" AND q.status = :status");
			params.put("status", status);
		}
		if (documentId != null) {
			sql.append(" AND q.document_node_id = :node");
			params.put("node", documentId);
		}
		if (beforeId != null) {
			sql.append(" AND q.id < :before");
			params.put("before", beforeId);
		}
		sql.append(" ORDER BY q.id DESC LIMIT ").append(limit);
		return this.jdbc.sql(sql.toString()).params(params).query(ItemQueries::item).list();
	}

	private static Item item(ResultSet rs, int row) throws SQLException {
		long version = rs.getLong("version_id");
		Integer chunks = rs.wasNull() ? null : rs.getInt("chunk_count");
		return new Item(rs.getLong("id"), rs.getLong("document_node_id"), rs.getString("kind"), rs.getString("status"),
				instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("started_at")),
				instant(rs.getTimestamp("ended_at")), rs.getInt("attempts"), rs.getString("rag_message"),
				(chunks != null) ? version : null, chunks);
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * One queue row.
	 *
	 * @param versionId the version this row stored, once indexed with new content
	 * @param chunkCount that version's chunks
	 */
	public record Item(long id, long documentId, String kind, String status, Instant createdAt, Instant startedAt,
			Instant endedAt, int attempts, String message, Long versionId, Integer chunkCount) {

		/** Still {@code queued} or {@code processing}. */
		public boolean inFlight() {
			return QueueStatus.QUEUED.dbValue().equals(this.status) || QueueStatus.PROCESSING.dbValue().equals(this.status);
		}

	}

}
