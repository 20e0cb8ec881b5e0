package dev.ingestor.store;

import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import dev.ingestor.extract.DocumentMetadata;
import dev.ingestor.split.TextChunk;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Versions written batch by batch while their document is still being embedded, so that a
 * document's chunks and vectors are never all in memory at once. A pending version is inactive
 * ({@code is_active} FALSE, {@code active_node_id} NULL, {@code pending} TRUE): search, dedup and
 * the API do not see it until {@link DocumentStore#activate} makes it the active one in the chunk
 * transaction. Each write here joins the caller's transaction or, on a worker thread that has
 * none, runs in its own short one.
 */
@Repository
public class PendingVersions {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final TransactionTemplate transaction;

	PendingVersions(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/** Starts a pending version for this reservation; its unique key refuses a second one. */
	public long open(long documentNodeId, long queueItemId, String reservationToken, String contentHash, int pageCount,
			String model, DocumentMetadata metadata) {
		return insertVersion(new HeldVersion(documentNodeId, queueItemId, reservationToken, model, metadata, List.of(),
				List.of()), contentHash, pageCount, null);
	}

	/**
	 * Inserts a held version already active, with its chunks, in the caller's transaction, which
	 * has deactivated the document's previous version.
	 */
	void insertActive(PendingVersion version, String dedupKey) {
		HeldVersion held = version.held();
		long id = insertVersion(held, version.contentHash(), version.pageCount(), new Activation(version.dimension(),
				version.chunkCount(), dedupKey));
		if (!held.chunks().isEmpty()) {
			insertChunks(id, held.model(), held.chunks(), held.vectors(), true);
		}
	}

	/** What an active version holds that a pending one learns only at its activation. */
	private record Activation(int dimension, int chunkCount, String dedupKey) {
	}

	/** A pending version when {@code active} is null, else an active one. */
	private long insertVersion(HeldVersion version, String contentHash, int pageCount, Activation active) {
		KeyHolder keys = new GeneratedKeyHolder();
		DocumentMetadata metadata = version.metadata();
		this.jdbc.sql("""
				INSERT INTO document_version (document_node_id, queue_item_id, content_hash, is_active, active_node_id,
				  pending, embedding_model, embedding_dimension, page_count, chunk_count, reservation_token, dedup_key,
				  title, author, language, source_created_at)
				VALUES (:node, :item, :hash, :active, :activeNode, :pending, :model, :dimension, :pages, :chunks, :token,
				  :dedupKey, :title, :author, :language, :created)""")
			.param("node", version.documentNodeId())
			.param("item", version.queueItemId())
			.param("token", version.reservationToken())
			.param("hash", contentHash)
			.param("active", active != null)
			.param("activeNode", (active != null) ? version.documentNodeId() : null, Types.BIGINT)
			.param("pending", active == null)
			.param("model", version.model())
			.param("dimension", (active != null) ? active.dimension() : 0)
			.param("pages", pageCount)
			.param("chunks", (active != null) ? active.chunkCount() : 0)
			.param("dedupKey", (active != null) ? active.dedupKey() : null, Types.VARCHAR)
			.param("title", metadata.title())
			.param("author", metadata.author())
			.param("language", metadata.language())
			.param("created", (metadata.created() != null) ? LocalDateTime.ofInstant(metadata.created(), ZoneOffset.UTC) : null)
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/**
	 * Starts a pending version with its first batch of chunks, in one transaction: one commit,
	 * not two, for the many documents that fit in one batch.
	 */
	public long open(long documentNodeId, long queueItemId, String reservationToken, String contentHash, int pageCount,
			String model, DocumentMetadata metadata, List<TextChunk> chunks, List<float[]> vectors) {
		return this.transaction.execute(status -> {
			long version = open(documentNodeId, queueItemId, reservationToken, contentHash, pageCount, model, metadata);
			if (!chunks.isEmpty()) {
				append(version, model, chunks, vectors);
			}
			return version;
		});
	}

	/** Writes one batch of chunks (inactive) with their vectors, same order, in one transaction. */
	public void append(long versionId, String model, List<TextChunk> chunks, List<float[]> vectors) {
		this.transaction.executeWithoutResult(status -> insertChunks(versionId, model, chunks, vectors, false));
	}

	private void insertChunks(long versionId, String model, List<TextChunk> chunks, List<float[]> vectors,
			boolean active) {
		this.batch.batchUpdate("""
				INSERT INTO document_chunk (document_version_id, chunk_index, is_active, content, token_count,
				  page_start, page_end, embedding, embedding_model, embedding_dimension, content_hash, position)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", IntStream.range(0, chunks.size()).boxed().toList(),
				chunks.size(), (ps, i) -> {
			TextChunk chunk = chunks.get(i);
			float[] vector = vectors.get(i);
			ps.setLong(1, versionId);
			ps.setInt(2, chunk.index());
			ps.setBoolean(3, active);
			ps.setString(4, chunk.text());
			ps.setInt(5, chunk.tokenCount());
			ps.setInt(6, chunk.pageStart());
			ps.setInt(7, chunk.pageEnd());
			ps.setBytes(8, VectorCodec.encode(vector));
			ps.setString(9, model);
			ps.setInt(10, vector.length);
			ps.setString(11, ChunkHash.of(chunk.text()));
			ps.setString(12, chunk.position());
		});
	}

	/** Deletes a pending version and its chunks; an active version is never touched. */
	public void discard(long versionId) {
		this.transaction.executeWithoutResult(status -> {
			this.jdbc.sql("""
					DELETE FROM document_chunk WHERE document_version_id =
					  (SELECT id FROM document_version WHERE id = :v AND pending = TRUE)""")
				.param("v", versionId)
				.update();
			this.jdbc.sql("DELETE FROM document_version WHERE id = :v AND pending = TRUE").param("v", versionId).update();
		});
	}

	/**
	 * Deletes every pending version that no live reservation owns: its row is no longer
	 * {@code processing} under the token it was written with (a killed run, a failed or requeued
	 * row). Runs under the run lock, after stale rows were recovered, before any item is reserved.
	 *
	 * @return how many versions were deleted
	 */
	public int discardOrphans() {
		String orphan = """
				pending = TRUE AND NOT EXISTS (SELECT 1 FROM ingestion_queue_item q WHERE q.id = %s.queue_item_id
				  AND q.status = 'processing' AND q.reservation_token = %s.reservation_token)""";
		this.jdbc.sql("DELETE FROM document_chunk WHERE document_version_id IN (SELECT v.id FROM document_version v WHERE "
				+ orphan.formatted("v", "v") + ")").update();
		return this.jdbc.sql("DELETE FROM document_version WHERE " + orphan.formatted("document_version", "document_version"))
			.update();
	}

}
