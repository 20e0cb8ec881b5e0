package dev.ingestor.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Queues work the way a manager does (two plain INSERTs, nothing else) and reads back what the
 * worker wrote, so that tests assert on rows rather than on our own classes.
 */
public final class QueueFixture {

	private final JdbcClient jdbc;

	private final Path storage;

	public QueueFixture(JdbcClient jdbc, Path storage) {
		this.jdbc = jdbc;
		this.storage = storage;
	}

	public Path storage() {
		return this.storage;
	}

	/** Writes a text file under storage and returns its storage_path. */
	public String writeText(String storagePath, String content) throws IOException {
		Path file = this.storage.resolve(storagePath);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return storagePath;
	}

	/** Copies a file under storage and returns its storage_path. */
	public String copy(Path source, String storagePath) throws IOException {
		Path file = this.storage.resolve(storagePath);
		Files.createDirectories(file.getParent());
		Files.copy(source, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		return storagePath;
	}

	/** INSERT INTO document_node(name) VALUES (...); returns the node id. */
	public long node(String name) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO document_node(name) VALUES (:name)").param("name", name).update(keys, "id");
		return keys.getKey().longValue();
	}

	/** INSERT INTO ingestion_queue_item(document_node_id, storage_path) VALUES (...); returns the row id. */
	public long queue(long nodeId, String storagePath) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO ingestion_queue_item(document_node_id, storage_path) VALUES (:node, :path)")
			.param("node", nodeId)
			.param("path", storagePath)
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** A new document node with one queued row for it. */
	public long queueNew(String storagePath) {
		return queue(node(Path.of(storagePath).getFileName().toString()), storagePath);
	}

	public Row row(long id) {
		return this.jdbc.sql("""
				SELECT id, document_node_id, status, rag_message, started_at, ended_at, attempts
				FROM ingestion_queue_item WHERE id = :id""")
			.param("id", id)
			.query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("document_node_id"), rs.getString("status"),
					rs.getString("rag_message"), rs.getTimestamp("started_at") != null,
					rs.getTimestamp("ended_at") != null, rs.getInt("attempts")))
			.single();
	}

	public List<String> logMessages(long itemId) {
		return this.jdbc.sql("SELECT message FROM ingestion_log WHERE queue_item_id = :id ORDER BY id")
			.param("id", itemId)
			.query(String.class)
			.list();
	}

	public long count(String sql, Map<String, ?> params) {
		return this.jdbc.sql(sql).params(params).query(Long.class).single();
	}

	public long count(String sql) {
		return count(sql, Map.of());
	}

	/** Active versions of a node. */
	public long activeVersions(long nodeId) {
		return count("SELECT COUNT(*) FROM document_version WHERE document_node_id = :n AND is_active = TRUE",
				Map.of("n", nodeId));
	}

	/** Active chunks of a node's active version. */
	public long activeChunks(long nodeId) {
		return count("""
				SELECT COUNT(*) FROM document_chunk c JOIN document_version v ON v.id = c.document_version_id
				WHERE v.document_node_id = :n AND v.is_active = TRUE AND c.is_active = TRUE""", Map.of("n", nodeId));
	}

	/** Empties our tables (not the batch metadata), children first. */
	public void clear() {
		for (String table : List.of("document_chunk", "document_version", "ingestion_log", "ingestion_queue_item",
				"document_node", "shedlock")) {
			this.jdbc.sql("DELETE FROM " + table).update();
		}
	}

	/**
	 * A queue row as the manager sees it.
	 */
	public record Row(long id, long nodeId, String status, String ragMessage, boolean started, boolean ended,
			int attempts) {
	}

}
