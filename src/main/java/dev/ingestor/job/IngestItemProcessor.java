package dev.ingestor.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ingestor.embed.EmbeddedDocument;
import dev.ingestor.embed.Embedder;
import dev.ingestor.embed.EmbeddingModelSpec;
import dev.ingestor.extract.ExtractedDocument;
import dev.ingestor.extract.Extraction;
import dev.ingestor.queue.QueueItem;
import dev.ingestor.queue.QueueRepository;
import dev.ingestor.queue.Reservation;
import dev.ingestor.queue.ReservationLostException;
import dev.ingestor.report.ItemStages;
import dev.ingestor.report.ItemStages.Stage;
import dev.ingestor.source.SourceFile;
import dev.ingestor.source.StorageResolver;
import dev.ingestor.split.TextChunk;
import dev.ingestor.split.TextSplitter;
import dev.ingestor.store.ChunkHash;
import dev.ingestor.store.DocumentStore;
import dev.ingestor.store.DocumentStore.ActiveVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Reserves a queued row and does all the slow work for it, outside any long-held lock or
 * connection: read, extract, split, embed. Runs on the step's worker threads, several documents
 * at once, so it keeps no state of its own. Failures propagate as exceptions for the skip policy
 * to record.
 */
class IngestItemProcessor implements ItemProcessor<QueueItem, IngestOutcome> {

	private static final Logger log = LoggerFactory.getLogger(IngestItemProcessor.class);

	/** Chunk hashes asked of the store at once when looking for vectors to reuse. */
	private static final int REUSE_LOOKUP_BATCH = 500;

	private final QueueRepository queue;

	private final StorageResolver storage;

	private final DocumentStore store;

	private final Extraction extraction;

	private final TextSplitter splitter;

	private final Embedder embedder;

	private final EmbeddingModelSpec model;

	private final ItemStages stages;

	private final DocumentDeletion deletion;

	IngestItemProcessor(QueueRepository queue, StorageResolver storage, DocumentStore store, Extraction extraction,
			TextSplitter splitter, Embedder embedder, EmbeddingModelSpec model, ItemStages stages,
			DocumentDeletion deletion) {
		this.queue = queue;
		this.storage = storage;
		this.store = store;
		this.extraction = extraction;
		this.splitter = splitter;
		this.embedder = embedder;
		this.model = model;
		this.stages = stages;
		this.deletion = deletion;
	}

	@Override
	public IngestOutcome process(QueueItem item) {
		if (this.deletion.handles(item)) {
			return this.deletion.reserve(item, currentJobExecutionId());
		}
		Instant began = this.stages.now();
		Optional<Reservation> reserved = this.queue.reserve(item, currentJobExecutionId());
		if (reserved.isEmpty()) {
			// Withdrawn or taken since the page was read: not ours, nothing to record.
			log.info("item {} skipped: no longer queued", item.id());
			return null;
		}
		Reservation reservation = reserved.get();
		long run = reservation.jobExecutionId();
		this.stages.reserved(item.id(), run, began, item.storagePath());
		Instant phase = this.stages.now();
		SourceFile file = this.storage.resolve(item.id(), item.storagePath());
		// The resolver hands over a private copy of the hashed bytes; closing deletes it.
		try (file) {
			Optional<ActiveVersion> active = this.store.activeVersion(item.documentNodeId());
			if (active.isPresent() && this.store.versionKey().matches(active.get().id(), file.contentHash())) {
				return new IngestOutcome.Unchanged(reservation, active.get());
			}
			ExtractedDocument document = this.extraction.extract(item.id(), file);
			heartbeat(reservation);
			this.stages.passed(Stage.EXTRACTED, item.id(), run, phase, 0, IngestItemWriter.count(document.pageCount(), "page"));
			phase = this.stages.now();
			List<TextChunk> chunks = this.splitter.split(document);
			EmbeddedDocument embedded = embed(reservation, file, document, chunks, active);
			this.stages.passed(Stage.EMBEDDED, item.id(), run, phase, chunks.size(), IngestItemWriter.count(chunks.size(), "chunk"));
			return new IngestOutcome.Embedded(reservation, embedded);
		}
	}

	/**
	 * Only chunks the active version does not already hold (same text, same model) go to the
	 * model; the others keep their stored vector. Looked up per embedding batch, so the lookup's
	 * size does not grow with the document.
	 */
	private EmbeddedDocument embed(Reservation reservation, SourceFile file, ExtractedDocument document,
			List<TextChunk> chunks, Optional<ActiveVersion> active) {
		float[][] vectors = new float[chunks.size()][];
		List<TextChunk> fresh = new ArrayList<>();
		for (int from = 0; from < chunks.size(); from += REUSE_LOOKUP_BATCH) {
			List<TextChunk> batch = chunks.subList(from, Math.min(from + REUSE_LOOKUP_BATCH, chunks.size()));
			Map<String, float[]> stored = active.isEmpty() ? Map.of() : this.store.storedVectors(active.get().id(),
					this.model.name(), batch.stream().map(chunk -> ChunkHash.of(chunk.text())).distinct().toList());
			for (TextChunk chunk : batch) {
				vectors[chunk.index()] = stored.get(ChunkHash.of(chunk.text()));
				if (vectors[chunk.index()] == null) {
					fresh.add(chunk);
				}
			}
		}
		List<float[]> embedded = this.embedder.embed(reservation.itemId(), fresh, () -> heartbeat(reservation));
		for (int i = 0; i < fresh.size(); i++) {
			vectors[fresh.get(i).index()] = embedded.get(i);
		}
		return new EmbeddedDocument(file.contentHash(), document.pageCount(), this.model.name(), chunks,
				Arrays.asList(vectors), chunks.size() - fresh.size(), document.metadata());
	}

	private void heartbeat(Reservation reservation) {
		if (!this.queue.heartbeat(reservation)) {
			throw new ReservationLostException(reservation.itemId());
		}
	}

	static long currentJobExecutionId() {
		var context = StepSynchronizationManager.getContext();
		if (context == null) {
			throw new IllegalStateException("the ingest processor runs only inside a step");
		}
		return context.getStepExecution().getJobExecutionId();
	}

}
