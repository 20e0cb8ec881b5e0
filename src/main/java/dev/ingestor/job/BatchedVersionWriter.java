package dev.ingestor.job;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ingestor.embed.Embedder;
import dev.ingestor.embed.EmbeddingModelSpec;
import dev.ingestor.extract.ExtractedDocument;
import dev.ingestor.queue.Reservation;
import dev.ingestor.split.TextChunk;
import dev.ingestor.store.ChunkHash;
import dev.ingestor.store.DocumentStore;
import dev.ingestor.store.DocumentStore.ActiveVersion;
import dev.ingestor.store.PendingVersion;
import dev.ingestor.store.PendingVersions;

/**
 * Embeds a document and writes it as a pending version, one batch of {@code INGEST_WRITE_BATCH_SIZE}
 * chunks at a time: the splitter's chunks are pulled lazily, looked up for reuse, embedded and
 * inserted, then dropped. In memory per document: one batch of chunks and vectors, besides the
 * extracted text. The writer activates the version later, in the chunk transaction; when anything
 * fails before that, the pending version is deleted here.
 */
class BatchedVersionWriter {

	private final DocumentStore store;

	private final PendingVersions pending;

	private final Embedder embedder;

	private final EmbeddingModelSpec model;

	private final int batchSize;

	BatchedVersionWriter(DocumentStore store, PendingVersions pending, Embedder embedder, EmbeddingModelSpec model,
			int batchSize) {
		this.store = store;
		this.pending = pending;
		this.embedder = embedder;
		this.model = model;
		this.batchSize = batchSize;
	}

	PendingVersion write(Reservation reservation, String contentHash, ExtractedDocument document,
			Iterator<TextChunk> chunks, Optional<ActiveVersion> active, Runnable heartbeat) {
		long version = this.pending.open(reservation.item().documentNodeId(), reservation.itemId(), reservation.token(),
				contentHash, document.pageCount(), this.model.name(), document.metadata());
		try {
			Counts counts = new Counts();
			List<TextChunk> batch = new ArrayList<>(this.batchSize);
			while (chunks.hasNext()) {
				batch.add(chunks.next());
				if (batch.size() == this.batchSize || !chunks.hasNext()) {
					writeBatch(reservation.itemId(), version, batch, active, heartbeat, counts);
					batch = new ArrayList<>(this.batchSize);
				}
			}
			return new PendingVersion(version, contentHash, document.pageCount(), counts.chunks, counts.dimension,
					counts.reused);
		}
		catch (RuntimeException ex) {
			discardAfter(version, ex);
			throw ex;
		}
	}

	/**
	 * Only chunks the active version does not already hold (same text, same model) go to the
	 * model; the others keep their stored vector.
	 */
	private void writeBatch(long itemId, long version, List<TextChunk> batch, Optional<ActiveVersion> active,
			Runnable heartbeat, Counts counts) {
		Map<String, float[]> stored = active.isEmpty() ? Map.of() : this.store.storedVectors(active.get().id(),
				this.model.name(), batch.stream().map(chunk -> ChunkHash.of(chunk.text())).distinct().toList());
		List<float[]> vectors = new ArrayList<>(batch.size());
		List<TextChunk> fresh = new ArrayList<>();
		for (TextChunk chunk : batch) {
			float[] vector = stored.get(ChunkHash.of(chunk.text()));
			vectors.add(vector);
			if (vector == null) {
				fresh.add(chunk);
			}
		}
		List<float[]> embedded = this.embedder.embed(itemId, fresh, heartbeat);
		for (int i = 0, next = 0; i < vectors.size(); i++) {
			if (vectors.get(i) == null) {
				vectors.set(i, embedded.get(next++));
			}
		}
		this.pending.append(version, this.model.name(), batch, vectors);
		heartbeat.run();
		counts.chunks += batch.size();
		counts.reused += batch.size() - fresh.size();
		counts.dimension = vectors.get(0).length;
	}

	/** The item's failure is what gets reported; a failed clean-up is left to the next run's recovery. */
	private void discardAfter(long version, RuntimeException failure) {
		try {
			this.pending.discard(version);
		}
		catch (RuntimeException cleanup) {
			failure.addSuppressed(cleanup);
		}
	}

	private static final class Counts {

		int chunks;

		int reused;

		int dimension;

	}

}
