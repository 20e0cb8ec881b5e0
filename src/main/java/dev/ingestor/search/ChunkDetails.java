package dev.ingestor.search;

import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The texts and documents of the few chunks a scan kept: one query by primary key. */
@Component
class ChunkDetails {

	private final JdbcClient jdbc;

	ChunkDetails(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One chunk as stored, with its document. */
	record Chunk(long chunkId, long documentId, String documentName, long versionId, int chunkIndex, int pageStart,
			int pageEnd, String text) {
	}

	List<Chunk> load(Collection<Long> chunkIds) {
		if (chunkIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				SELECT c.id, v.document_node_id, n.name, c.document_version_id, c.chunk_index, c.page_start, c.page_end,
				  c.content
				FROM document_chunk c
				JOIN document_version v ON v.id = c.document_version_id
				JOIN document_node n ON n.id = v.document_node_id
				WHERE c.id IN (:ids)""")
			.param("ids", chunkIds)
			.query((rs, row) -> new Chunk(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getInt(5),
					rs.getInt(6), rs.getInt(7), rs.getString(8)))
			.list();
	}

	/** Active chunks per model and dimension, for saying why nothing matched. */
	List<SearchResult.ModelCount> activeModels() {
		return this.jdbc.sql("""
				SELECT embedding_model, embedding_dimension, COUNT(*) FROM document_chunk WHERE is_active = TRUE
				GROUP BY embedding_model, embedding_dimension ORDER BY embedding_model, embedding_dimension""")
			.query((rs, row) -> new SearchResult.ModelCount(rs.getString(1), rs.getInt(2), rs.getLong(3)))
			.list();
	}

}
