package dev.ingestor.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A document with its versions as the API shows it, within one tenant. */
@Repository
public class DocumentQueries {

	private final JdbcClient jdbc;

	DocumentQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Document> find(String tenant, long id) {
		return this.jdbc.sql("SELECT id, name, created_at FROM document_node WHERE id = :id AND tenant_id = :tenant")
			.param("id", id)
			.param("tenant", tenant)
			.query((rs, row) -> new Document(rs.getLong("id"), rs.getString("name"), instant(rs.getTimestamp("created_at")),
					versions(id)))
			.optional();
	}

	private List<Version> versions(long documentId) {
		return this.jdbc.sql("""
				SELECT v.id, v.queue_item_id, v.content_hash, v.is_active, v.page_count, v.chunk_count, v.created_at,
				       (SELECT COUNT(*) FROM document_chunk c WHERE c.document_version_id = v.id AND c.is_active = TRUE)
				         AS active_chunks
				FROM document_version v WHERE v.document_node_id = :node AND v.pending = FALSE ORDER BY v.id DESC""")
			.param("node", documentId)
			.query((rs, row) -> new Version(rs.getLong("id"), rs.getLong("queue_item_id"), rs.getString("content_hash"),
					rs.getBoolean("is_active"), rs.getInt("page_count"), rs.getInt("chunk_count"), rs.getLong("active_chunks"),
					instant(rs.getTimestamp("created_at"))))
			.list();
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/** A document and its versions, newest first. */
	public record Document(long id, String name, Instant createdAt, List<Version> versions) {

		/** The active version's id, or null (never indexed, or deleted). */
		public Long activeVersionId() {
			return this.versions.stream().filter(Version::active).map(Version::id).findFirst().orElse(null);
		}

	}

	/**
	 * One stored version.
	 *
	 * @param chunkCount chunks stored with it
	 * @param activeChunks of those, how many are searchable now
	 */
	public record Version(long id, long itemId, String contentHash, boolean active, int pageCount, int chunkCount,
			long activeChunks, Instant createdAt) {
	}

}
