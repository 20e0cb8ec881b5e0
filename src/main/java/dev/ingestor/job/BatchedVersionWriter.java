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
import dev.ingestor.store.HeldVersion;
import dev.ingestor.store.PendingVersion;
import dev.ingestor.store.PendingVersions;

/**
 * Embeds a document and writes it as a pending version, one batch of {@code INGEST_WRITE_BATCH_SIZE}
 * chunks at a time: the splitter's chunks are pulled lazily, looked up for reuse, embedded and
 * inserted, then dropped. In memory per document: one batch of chunks and vectors, besides the
 * extracted text. The writer activates the version later, when the row's outcome commits; when
 * anything fails before that, the pending version is deleted here. A document of a single batch
 * is not written here at all: it is {@link HeldVersion held} for the outcome's commit.
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
		Opening version = new Opening(reservation, contentHash, document);
		try {
			Counts counts = new Counts();
			List<TextChunk> batch = new ArrayList<>(this.batchSize);
			while (chunks.hasNext()) {
				batch.add(chunks.next());
				if (batch.size() == this.batchSize || !chunks.hasNext()) {
					List<float[]> vectors = embedBatch(reservation.itemId(), batch, active, heartbeat, counts);
					if (!version.isOpen() && !chunks.hasNext()) {
						return held(reservation, contentHash, document, batch, vectors, counts);
					}
					version.append(batch, vectors);
					batch = new ArrayList<>(this.batchSize);
				}
			}
			if (!version.isOpen()) {
				return held(reservation, contentHash, document, List.of(), List.of(), counts);
			}
			return new PendingVersion(version.id, contentHash, document.pageCount(), counts.chunks, counts.dimension,
					counts.reused);
		}
		catch (RuntimeException ex) {
			version.discardAfter(ex);
			throw ex;
		}
	}

	/** The whole document is one batch (or none): its outcome's commit inserts it, active. */
	private PendingVersion held(Reservation reservation, String contentHash, ExtractedDocument document,
			List<TextChunk> chunks, List<float[]> vectors, Counts counts) {
		return new PendingVersion(0, contentHash, document.pageCount(), counts.chunks, counts.dimension, counts.reused,
				new HeldVersion(reservation.item().documentNodeId(), reservation.itemId(), reservation.token(),
						this.model.name(), document.metadata(), chunks, vectors));
	}

	/**
	 * Only chunks the active version does not already hold (same text, same model) go to the
	 * model; the others keep their stored vector. Returns the batch's vectors, same order.
	 */
	private List<float[]> embedBatch(long itemId, List<TextChunk> batch, Optional<ActiveVersion> active,
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
		heartbeat.run();
		counts.chunks += batch.size();
		counts.reused += batch.size() - fresh.size();
		counts.dimension = vectors.get(0).length;
		return vectors;
	}

	/** The pending version of a document of several batches, inserted with its first one. */
	private final class Opening {

		private final Reservation reservation;

		private final String contentHash;

		private final ExtractedDocument document;

		private Long id;

		Opening(Reservation reservation, String contentHash, ExtractedDocument document) {
			this.reservation = reservation;
			this.contentHash = contentHash;
			this.document = document;
		}

		boolean isOpen() {
			return this.id != null;
		}

		/** Writes a batch; the first one inserts the version with it, in one transaction. */
		void append(List<TextChunk> batch, List<float[]> vectors) {
			if (this.id != null) {
				BatchedVersionWriter.this.pending.append(this.id, BatchedVersionWriter.this.model.name(), batch, vectors);
				return;
			}
			this.id = BatchedVersionWriter.this.pending.open(this.reservation.item().documentNodeId(),
					this.reservation.itemId(), this.reservation.token(), this.contentHash, this.document.pageCount(),
					BatchedVersionWriter.this.model.name(), this.document.metadata(), batch, vectors);
		}

		/** The item's failure is what gets reported; a failed clean-up is left to the next run's recovery. */
		void discardAfter(RuntimeException failure) {
			if (this.id == null) {
				return;
			}
			try {
				BatchedVersionWriter.this.pending.discard(this.id);
			}
			catch (RuntimeException cleanup) {
				failure.addSuppressed(cleanup);
			}
		}

	}

	private static final class Counts {

		int chunks;

		int reused;

		int dimension;

	}

}
