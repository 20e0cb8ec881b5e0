package dev.ingestor.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.ingestor.job.IngestRunner;
import dev.ingestor.queue.Enqueuer;
import dev.ingestor.source.StorageResolver;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * For {@code bench}: queues documents the way a manager does, runs the real job over them and
 * times it; queues the same documents again (a new row per document, same path), as a manager
 * does when a file may have changed.
 */
final class BenchQueue {

	private final Application app;

	private final JdbcClient jdbc;

	private List<Long> ids = new ArrayList<>();

	BenchQueue(Application app) {
		this.app = app;
		this.jdbc = app.bean(JdbcClient.class);
	}

	/** Copies the files into storage and queues them; returns their paths in storage. */
	List<Path> enqueue(List<Path> files) throws IOException {
		Enqueuer enqueuer = this.app.bean(Enqueuer.class);
		Path storage = this.app.bean(StorageResolver.class).storageDir();
		List<Path> stored = new ArrayList<>();
		for (Path file : files) {
			Enqueuer.Queued queued = enqueuer.enqueue(file, false);
			this.ids.add(queued.id());
			stored.add(storage.resolve(queued.storagePath()));
		}
		return stored;
	}

	/** Queues every document of the last batch again, with a new row each. */
	void requeue() {
		List<Long> again = new ArrayList<>();
		for (long id : this.ids) {
			Map<String, Object> row = this.jdbc
				.sql("SELECT document_node_id, storage_path FROM ingestion_queue_item WHERE id = ?")
				.param(id)
				.query()
				.singleRow();
			KeyHolder key = new GeneratedKeyHolder();
			this.jdbc.sql("INSERT INTO ingestion_queue_item (document_node_id, storage_path) VALUES (?, ?)")
				.param(row.get("document_node_id"))
				.param(row.get("storage_path"))
				.update(key, "id");
			again.add(key.getKey().longValue());
		}
		this.ids = again;
	}

	/** Runs one pass and returns its wall time in seconds. */
	Timed run() {
		long t0 = System.nanoTime();
		IngestRunner.Result result = this.app.bean(IngestRunner.class).runOnce();
		double seconds = (System.nanoTime() - t0) / 1e9;
		String statuses = this.ids.isEmpty() ? "" : this.jdbc
			.sql("SELECT status, COUNT(*) AS n FROM ingestion_queue_item WHERE id BETWEEN ? AND ? GROUP BY status")
			.param(this.ids.get(0))
			.param(this.ids.get(this.ids.size() - 1))
			.query((rs, i) -> rs.getString("status") + " " + rs.getLong("n"))
			.list()
			.stream()
			.collect(Collectors.joining(", "));
		return new Timed(seconds, result.outcome() + ": " + statuses);
	}

	/** Each queued document's active chunks, in order, as (page, text). */
	List<List<BenchStages.StoredChunk>> storedChunks() {
		List<List<BenchStages.StoredChunk>> all = new ArrayList<>();
		for (long id : this.ids) {
			all.add(this.jdbc.sql("""
					SELECT c.page_start, c.content FROM document_chunk c
					JOIN document_version v ON v.id = c.document_version_id
					WHERE v.queue_item_id = ? AND c.is_active ORDER BY c.chunk_index""")
				.param(id)
				.query((rs, i) -> new BenchStages.StoredChunk(rs.getInt(1), rs.getString(2)))
				.list());
		}
		return all;
	}

	/** A run's wall time and what it ended with. */
	record Timed(double seconds, String outcome) {
	}

}
