package dev.ingestor.search;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.ingestor.store.VectorCodec;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Fills an empty scratch database with generated active chunks (random unit vectors, filler
 * text of a real chunk's size) for {@code bin/ingest search-bench}: the scan reads exactly what
 * it would read in production, only the meaning is missing. Seeded, so runs are comparable.
 */
public final class SyntheticChunks {

	/** Chunks per generated document, about a 40-page manual's worth. */
	static final int CHUNKS_PER_DOCUMENT = 100;

	/** A real chunk holds about 126 word pieces, some 600 characters of English. */
	static final int TEXT_CHARS = 600;

	private static final String[] WORDS = { "queue", "worker", "chunk", "vector", "page", "document", "storage",
			"restart", "version", "model", "embedding", "token", "status", "report", "server", "batch" };

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final String model;

	private final int dimension;

	private final SplittableRandom random = new SplittableRandom(16);

	public SyntheticChunks(JdbcClient jdbc, JdbcTemplate batch, String model, int dimension) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.model = model;
		this.dimension = dimension;
	}

	/** Active chunks in the database now, generated or not. */
	public long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM document_chunk WHERE is_active = TRUE").query(Long.class).single();
	}

	/** Adds documents of {@link #CHUNKS_PER_DOCUMENT} chunks until {@code target} chunks exist. */
	public void growTo(long target) {
		long chunks = count();
		while (chunks < target) {
			int size = (int) Math.min(CHUNKS_PER_DOCUMENT, target - chunks);
			addDocument(size);
			chunks += size;
		}
	}

	private void addDocument(int chunks) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO document_node (name) VALUES ('search-bench.pdf')").update(keys, "id");
		long nodeId = keys.getKey().longValue();
		this.jdbc.sql("""
				INSERT INTO document_version (document_node_id, queue_item_id, content_hash, is_active, active_node_id,
				  embedding_model, embedding_dimension, page_count, chunk_count)
				VALUES (:node, :node, :hash, TRUE, :node, :model, :dimension, :pages, :chunks)""")
			.param("node", nodeId)
			.param("hash", "%064d".formatted(nodeId))
			.param("model", this.model)
			.param("dimension", this.dimension)
			.param("pages", chunks)
			.param("chunks", chunks)
			.update(keys, "id");
		long versionId = keys.getKey().longValue();
		List<Object[]> rows = new ArrayList<>(chunks);
		for (int i = 0; i < chunks; i++) {
			rows.add(new Object[] { versionId, i, text(), 126, i + 1, i + 1, VectorCodec.encode(unitVector()),
					this.model, this.dimension });
		}
		this.batch.batchUpdate("""
				INSERT INTO document_chunk (document_version_id, chunk_index, is_active, content, token_count,
				  page_start, page_end, embedding, embedding_model, embedding_dimension)
				VALUES (?, ?, TRUE, ?, ?, ?, ?, ?, ?, ?)""", rows);
	}

	private float[] unitVector() {
		float[] vector = new float[this.dimension];
		double norm = 0;
		for (int i = 0; i < vector.length; i++) {
			vector[i] = (float) (this.random.nextDouble() * 2 - 1);
			norm += vector[i] * vector[i];
		}
		for (int i = 0; i < vector.length; i++) {
			vector[i] /= (float) Math.sqrt(norm);
		}
		return vector;
	}

	private String text() {
		StringBuilder text = new StringBuilder(TEXT_CHARS + 16);
		while (text.length() < TEXT_CHARS) {
			text.append(WORDS[this.random.nextInt(WORDS.length)]).append(' ');
		}
		return text.toString().strip();
	}

}
