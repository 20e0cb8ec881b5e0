package dev.ingestor.store;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.ingestor.support.MySqlJobTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With many documents indexed, a document's commit must touch only its own rows: lock its
 * document, find its active version and deactivate that version's chunks by seeking, never by
 * scanning every active chunk (such a scan also waits on the uncommitted chunks of every other
 * document being committed at the same time). The SQL is the one the store runs.
 */
class MySqlVersionIndexIntegrationTests extends MySqlJobTestBase {

	static final int DOCUMENTS = 200;

	static final int CHUNKS = 20;

	@Autowired
	JdbcTemplate batch;

	long node;

	long version;

	@BeforeEach
	void manyActiveVersionsWithTheirChunks() {
		for (int d = 0; d < DOCUMENTS; d++) {
			long node = this.queue.node("doc-" + d);
			long item = this.queue.queue(node, "doc-" + d + ".md");
			this.jdbc.sql("""
					INSERT INTO document_version (document_node_id, queue_item_id, content_hash, is_active, active_node_id,
					  embedding_model, embedding_dimension, page_count, chunk_count)
					VALUES (:node, :item, :hash, TRUE, :node, 'm', 2, 1, :chunks)""")
				.param("node", node)
				.param("item", item)
				.param("hash", "a".repeat(64))
				.param("chunks", CHUNKS)
				.update();
			long id = this.jdbc.sql("SELECT id FROM document_version WHERE queue_item_id = :item").param("item", item)
				.query(Long.class)
				.single();
			this.batch.batchUpdate("""
					INSERT INTO document_chunk (document_version_id, chunk_index, is_active, content, token_count, page_start,
					  page_end, embedding, embedding_model, embedding_dimension)
					VALUES (?, ?, TRUE, 'text', 1, 1, 1, X'0000803F0000803F', 'm', 2)""",
					IntStream.range(0, CHUNKS).mapToObj(i -> new Object[] { id, i }).toList());
			this.node = node;
			this.version = id;
		}
		this.jdbc.sql("ANALYZE TABLE document_node, document_version, document_chunk").query().listOfRows();
	}

	@Test
	void aCommitLocksItsDocumentAndDeactivatesItsVersionWithoutScanningOtherDocuments() {
		Map<String, Object> lock = explain(VersionDeactivation.LOCK_DOCUMENT.replace(":node", String.valueOf(this.node)));
		Map<String, Object> find = explain(DocumentStore.ACTIVE_VERSION.replace(":node", String.valueOf(this.node)));
		Map<String, Object> chunks = explain(VersionDeactivation.DEACTIVATE_CHUNKS.replace(":v", String.valueOf(this.version)));
		Map<String, Object> version = explain(VersionDeactivation.DEACTIVATE_VERSION.replace(":v", String.valueOf(this.version)));

		assertThat(lock.get("key")).isEqualTo("PRIMARY");
		assertThat(find.get("key")).isEqualTo("ix_document_version_node");
		assertThat(version.get("key")).isEqualTo("PRIMARY");
		assertThat(chunks.get("key")).as("index of %s", chunks).isNotNull();
		assertThat(chunks.get("type")).as("access of %s", chunks).isNotEqualTo("ALL").isNotEqualTo("index");
		// Its own chunks, not the table's DOCUMENTS x CHUNKS active ones.
		assertThat(Long.parseLong(String.valueOf(chunks.get("rows")))).as("rows of %s", chunks).isLessThanOrEqualTo(2L * CHUNKS);
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_chunk WHERE is_active = TRUE"))
			.isEqualTo((long) DOCUMENTS * CHUNKS);
	}

	private Map<String, Object> explain(String sql) {
		List<Map<String, Object>> rows = this.jdbc.sql("EXPLAIN " + sql).query().listOfRows();
		assertThat(rows).as("plan of %s", sql).hasSize(1);
		return rows.get(0);
	}

}
