package dev.ingestor.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;


import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Document versions and their chunks. Activation runs in the caller's transaction, so the switch
 * to a new version, its chunks and the queue row's {@code indexed} status commit together or not
 * at all; the chunks themselves were written beforehand by {@link PendingVersions}.
 */
@Repository
public class DocumentStore {

	/** The dedup lookup, and the version a commit deactivates once it holds the document's lock. */
	static final String ACTIVE_VERSION = """
			SELECT id, content_hash, chunk_count, dedup_key FROM document_version
			WHERE document_node_id = :node AND is_active = TRUE""";

	private final JdbcClient jdbc;

	private final VersionKey versionKey;

	private final PendingVersions pending;

	private final VersionDeactivation deactivation;

	DocumentStore(JdbcClient jdbc, VersionKey versionKey, PendingVersions pending, VersionDeactivation deactivation) {
		this.jdbc = jdbc;
		this.versionKey = versionKey;
		this.pending = pending;
		this.deactivation = deactivation;
	}

	/** Decides whether stored content counts as unchanged (model and chunking included). */
	public VersionKey versionKey() {
		return this.versionKey;
	}

	/** The active version of a document, if it has one. */
	public Optional<ActiveVersion> activeVersion(long documentNodeId) {
		return this.jdbc.sql(ACTIVE_VERSION)
			.param("node", documentNodeId)
			.query((rs, row) -> new ActiveVersion(rs.getLong("id"), rs.getString("content_hash"), rs.getInt("chunk_count"),
					rs.getString("dedup_key")))
			.optional();
	}

	/**
	 * Vectors a version already holds for these chunk texts (by {@link ChunkHash}) and this
	 * model, keyed by hash; asked per embedding batch, so the answer stays small.
	 */
	public Map<String, float[]> storedVectors(long versionId, String model, Collection<String> chunkHashes) {
		Map<String, float[]> vectors = new HashMap<>();
		if (chunkHashes.isEmpty()) {
			return vectors;
		}
		this.jdbc.sql("""
				SELECT content_hash, embedding FROM document_chunk
				WHERE document_version_id = :version AND content_hash IN (:hashes) AND embedding_model = :model""")
			.param("version", versionId)
			.param("hashes", chunkHashes)
			.param("model", model)
			.query((rs, row) -> vectors.put(rs.getString("content_hash"), VectorCodec.decode(rs.getBytes("embedding"))))
			.list();
		return vectors;
	}

	/**
	 * Deactivates the document's current version and its chunks, then makes the pending version
	 * written for this reservation the active one, with its chunks, in the caller's transaction.
	 * The unique key on {@code active_node_id} rejects a second active version even if two writers
	 * race; the token check refuses a pending version written under another reservation. A
	 * {@link HeldVersion held} version is inserted active here; the caller has fenced it by
	 * ending its row under the reservation token in this same transaction.
	 */
	public void activate(long documentNodeId, String reservationToken, PendingVersion version) {
		deactivate(documentNodeId);
		String dedupKey = this.versionKey.of(version.contentHash(), version.dimension());
		if (!version.isWritten()) {
			this.pending.insertActive(version, dedupKey);
			return;
		}
		int activated = this.jdbc.sql("""
				UPDATE document_version SET is_active = TRUE, active_node_id = :node, pending = FALSE,
				  embedding_dimension = :dimension, chunk_count = :chunks, dedup_key = :dedupKey
				WHERE id = :id AND document_node_id = :node AND reservation_token = :token AND pending = TRUE""")
			.param("node", documentNodeId)
			.param("dimension", version.dimension())
			.param("chunks", version.chunkCount())
			.param("dedupKey", dedupKey)
			.param("id", version.id())
			.param("token", reservationToken)
			.update();
		if (activated != 1) {
			throw new IllegalStateException("pending version " + version.id() + " of document " + documentNodeId
					+ " is gone or not this reservation's; rolling back");
		}
		int chunks = this.jdbc.sql("UPDATE document_chunk SET is_active = TRUE WHERE document_version_id = :v")
			.param("v", version.id())
			.update();
		// Count what really is there before the chunk transaction may commit.
		if (chunks != version.chunkCount()) {
			throw new IllegalStateException("version " + version.id() + " has " + chunks + " chunk rows, "
					+ version.chunkCount() + " were written; rolling back");
		}
	}

	/**
	 * Deactivates the document's active version, if it has one, and its chunks. The document's
	 * row is locked first: two rows of one document in flight at once (a file queued again before
	 * its first row ran, possibly on two workers, or a delete) commit one after the other, and the
	 * second finds and replaces the first's version instead of inserting a second active one. The
	 * version is found first so that both updates seek by its id: an update that joined the chunks
	 * to their versions scanned every active chunk of every document, and waited on the new chunks
	 * of every other document being committed at the same time.
	 */
	private void deactivate(long documentNodeId) {
		this.deactivation.lockDocument(documentNodeId);
		// A statement of its own, after the lock: it reads what the previous holder committed.
		activeVersion(documentNodeId).ifPresent(active -> this.deactivation.deactivate(active.id()));
	}

	/**
	 * A document's active version as far as deduplication needs it.
	 *
	 * @param id version id
	 * @param contentHash SHA-256 of the file it was made from
	 * @param chunkCount chunks it holds
	 * @param dedupKey its {@link VersionKey}, or null for versions stored before the key existed
	 */
	public record ActiveVersion(long id, String contentHash, int chunkCount, String dedupKey) {
	}

}
