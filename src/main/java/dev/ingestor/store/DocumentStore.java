package dev.ingestor.store;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.embed.EmbeddedDocument;
import dev.ingestor.split.TextChunk;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Document versions and their chunks. Writes run in the caller's transaction, so a new version,
 * its chunks and the queue row's {@code indexed} status commit together or not at all.
 */
@Repository
public class DocumentStore {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	/** Chunk rows per JDBC batch: a statement's size stays bounded whatever the document's. */
	private final int writeBatchSize;

	private final VersionKey versionKey;

	DocumentStore(JdbcClient jdbc, JdbcTemplate batch, IngestProperties properties, VersionKey versionKey) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.writeBatchSize = properties.writeBatchSize();
		this.versionKey = versionKey;
	}

	/** Decides whether stored content counts as unchanged (model and chunking included). */
	public VersionKey versionKey() {
		return this.versionKey;
	}

	/** The active version of a document, if it has one. */
	public Optional<ActiveVersion> activeVersion(long documentNodeId) {
		return this.jdbc.sql("""
				SELECT id, content_hash, chunk_count FROM document_version
				WHERE document_node_id = :node AND is_active = TRUE""")
			.param("node", documentNodeId)
			.query((rs, row) -> new ActiveVersion(rs.getLong("id"), rs.getString("content_hash"), rs.getInt("chunk_count")))
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
	 * Deactivates the document's current version and its chunks, then stores the new active
	 * version. The unique key on {@code active_node_id} rejects a second active version even if
	 * two writers race; the one on (queue item, reservation token) a second version from the
	 * same reservation.
	 */
	public long storeNewVersion(long documentNodeId, long queueItemId, String reservationToken,
			EmbeddedDocument document) {
		this.jdbc.sql("""
				UPDATE document_chunk SET is_active = FALSE WHERE is_active = TRUE AND document_version_id IN
				  (SELECT id FROM document_version WHERE document_node_id = :node AND is_active = TRUE)""")
			.param("node", documentNodeId)
			.update();
		this.jdbc.sql("""
				UPDATE document_version SET is_active = FALSE, active_node_id = NULL
				WHERE document_node_id = :node AND is_active = TRUE""")
			.param("node", documentNodeId)
			.update();
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO document_version (document_node_id, queue_item_id, content_hash, is_active, active_node_id,
				  embedding_model, embedding_dimension, page_count, chunk_count, reservation_token, dedup_key,
				  title, author, language, source_created_at)
				VALUES (:node, :item, :hash, TRUE, :node, :model, :dimension, :pages, :chunks, :token, :dedupKey,
				  :title, :author, :language, :created)""")
			.param("dedupKey", this.versionKey.of(document.contentHash(), document.dimension()))
			.param("node", documentNodeId)
			.param("item", queueItemId)
			.param("token", reservationToken)
			.param("hash", document.contentHash())
			.param("model", document.model())
			.param("dimension", document.dimension())
			.param("pages", document.pageCount())
			.param("chunks", document.chunks().size())
			.param("title", document.metadata().title())
			.param("author", document.metadata().author())
			.param("language", document.metadata().language())
			.param("created", (document.metadata().created() != null)
					? LocalDateTime.ofInstant(document.metadata().created(), ZoneOffset.UTC) : null)
			.update(keys, "id");
		long versionId = keys.getKey().longValue();
		insertChunks(versionId, document);
		return versionId;
	}

	private void insertChunks(long versionId, EmbeddedDocument document) {
		List<TextChunk> chunks = document.chunks();
		this.batch.batchUpdate("""
				INSERT INTO document_chunk (document_version_id, chunk_index, is_active, content, token_count,
				  page_start, page_end, embedding, embedding_model, embedding_dimension, content_hash, position)
				VALUES (?, ?, TRUE, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", chunks, this.writeBatchSize, (ps, chunk) -> {
			float[] vector = document.vectors().get(chunk.index());
			ps.setLong(1, versionId);
			ps.setInt(2, chunk.index());
			ps.setString(3, chunk.text());
			ps.setInt(4, chunk.tokenCount());
			ps.setInt(5, chunk.pageStart());
			ps.setInt(6, chunk.pageEnd());
			ps.setBytes(7, VectorCodec.encode(vector));
			ps.setString(8, document.model());
			ps.setInt(9, vector.length);
			ps.setString(10, ChunkHash.of(chunk.text()));
			ps.setString(11, chunk.position());
		});
		// With rewriteBatchedStatements the driver reports SUCCESS_NO_INFO, not row counts: count
		// what really landed before the chunk transaction may commit.
		long stored = this.batch.queryForObject("SELECT COUNT(*) FROM document_chunk WHERE document_version_id = ?",
				Long.class, versionId);
		if (stored != chunks.size()) {
			throw new IllegalStateException("version " + versionId + " has " + stored + " chunk rows after inserting "
					+ chunks.size() + "; rolling back");
		}
	}

	/**
	 * A document's active version as far as deduplication needs it.
	 *
	 * @param id version id
	 * @param contentHash SHA-256 of the file it was made from
	 * @param chunkCount chunks it holds
	 */
	public record ActiveVersion(long id, String contentHash, int chunkCount) {
	}

}
