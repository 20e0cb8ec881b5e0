package dev.ingestor.queue;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The rows HTTP intake reads and writes; every document lookup is scoped to a tenant. */
@Repository
class IntakeRows {

	private final JdbcClient jdbc;

	IntakeRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean documentExists(String tenant, long documentId) {
		return this.jdbc.sql("SELECT id FROM document_node WHERE id = :id AND tenant_id = :tenant")
			.param("id", documentId)
			.param("tenant", tenant)
			.query(Long.class)
			.optional()
			.isPresent();
	}

	long queuedCount() {
		return this.jdbc.sql("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'queued'").query(Long.class).single();
	}

	/** The active version with these bytes: of the given document, or of any of the tenant's when null. */
	Optional<IntakeResult.Unchanged> activeWithContent(String tenant, Long documentId, String contentHash) {
		String sql = """
				SELECT v.document_node_id, v.id FROM document_version v
				JOIN document_node n ON n.id = v.document_node_id
				WHERE v.content_hash = :hash AND v.is_active = TRUE AND n.tenant_id = :tenant""";
		var statement = (documentId != null)
				? this.jdbc.sql(sql + " AND v.document_node_id = :node ORDER BY v.id LIMIT 1").param("node", documentId)
				: this.jdbc.sql(sql + " ORDER BY v.id LIMIT 1");
		return statement.param("hash", contentHash)
			.param("tenant", tenant)
			.query((rs, row) -> new IntakeResult.Unchanged(rs.getLong(1), rs.getLong(2)))
			.optional();
	}

	/** The row holding this in-flight key while it is queued or processing. */
	Optional<Long> inFlight(String key) {
		return this.jdbc.sql("""
				SELECT id FROM ingestion_queue_item
				WHERE inflight_key = :key AND status IN ('queued', 'processing')""")
			.param("key", key)
			.query(Long.class)
			.optional();
	}

	/** A finished row keeps its key until an upload needs it again; this frees it. */
	void releaseFinished(String key) {
		this.jdbc.sql("""
				UPDATE ingestion_queue_item SET inflight_key = NULL
				WHERE inflight_key = :key AND status NOT IN ('queued', 'processing')""")
			.param("key", key)
			.update();
	}

	long insertDocument(String tenant, String name) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO document_node (name, tenant_id) VALUES (:name, :tenant)")
			.param("name", name)
			.param("tenant", tenant)
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** Inserts a queue row; a second row with the same non-null in-flight key is refused by the schema. */
	long insertItem(long documentId, String kind, String storagePath, String contentHash, String inflightKey) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO ingestion_queue_item (document_node_id, storage_path, kind, content_hash, inflight_key)
				VALUES (:node, :path, :kind, :hash, :key)""")
			.param("node", documentId)
			.param("path", storagePath)
			.param("kind", kind)
			.param("hash", contentHash)
			.param("key", inflightKey)
			.update(keys, "id");
		return keys.getKey().longValue();
	}

}
