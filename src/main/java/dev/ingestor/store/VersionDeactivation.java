package dev.ingestor.store;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Takes a document out of search: its active version and that version's chunks become inactive,
 * in the caller's transaction, so that they commit with the delete request's terminal status (or
 * with the new version that replaces them).
 */
@Repository
public class VersionDeactivation {

	/** Makes the writes of one document (an ingestion's commit, a delete) take turns. */
	static final String LOCK_DOCUMENT = "SELECT id FROM document_node WHERE id = :node FOR UPDATE";

	/** Seeks the version's active chunks by (is_active, document_version_id); never scans the others. */
	static final String DEACTIVATE_CHUNKS = "UPDATE document_chunk SET is_active = FALSE WHERE document_version_id = :v AND is_active = TRUE";

	static final String DEACTIVATE_VERSION = "UPDATE document_version SET is_active = FALSE, active_node_id = NULL WHERE id = :v";

	private final JdbcClient jdbc;

	VersionDeactivation(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks the document's row until the caller's transaction ends: what the caller reads of the
	 * document afterwards, in statements of their own, is what the previous holder committed.
	 */
	public void lockDocument(long documentNodeId) {
		this.jdbc.sql(LOCK_DOCUMENT).param("node", documentNodeId).query().listOfRows();
	}

	/** The active version's id and its active chunks, before anything changes. */
	public Optional<Active> active(long documentNodeId) {
		return this.jdbc.sql("""
				SELECT v.id, (SELECT COUNT(*) FROM document_chunk c WHERE c.document_version_id = v.id AND c.is_active = TRUE)
				FROM document_version v WHERE v.document_node_id = :node AND v.is_active = TRUE""")
			.param("node", documentNodeId)
			.query((rs, row) -> new Active(rs.getLong(1), rs.getLong(2)))
			.optional();
	}

	/** Deactivates the version and its chunks; the unique "one active version" key is freed with it. */
	public void deactivate(long versionId) {
		this.jdbc.sql(DEACTIVATE_CHUNKS).param("v", versionId).update();
		this.jdbc.sql(DEACTIVATE_VERSION).param("v", versionId).update();
	}

	/** @param chunks active chunks of the version */
	public record Active(long versionId, long chunks) {
	}

}
