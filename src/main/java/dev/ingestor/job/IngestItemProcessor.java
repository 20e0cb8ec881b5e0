package dev.ingestor.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.ingestor.extract.ExtractedDocument;
import dev.ingestor.extract.Extraction;
import dev.ingestor.queue.QueueItem;
import dev.ingestor.queue.QueueRepository;
import dev.ingestor.queue.Reservation;
import dev.ingestor.report.ItemStages;
import dev.ingestor.report.ItemStages.Stage;
import dev.ingestor.source.SourceFile;
import dev.ingestor.source.StorageResolver;
import dev.ingestor.split.TextSplitter;
import dev.ingestor.store.DocumentStore;
import dev.ingestor.store.DocumentStore.ActiveVersion;
import dev.ingestor.store.PendingVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Reserves a queued row and does all the slow work for it, outside any long-held lock or
 * connection: read, extract, split, embed, and write the chunks as a pending version in bounded
 * batches ({@link BatchedVersionWriter}). Runs on the step's worker threads, several documents at
 * once, so it keeps no state of its own. Failures propagate as exceptions for the skip policy
 * to record.
 */
class IngestItemProcessor implements ItemProcessor<QueueItem, IngestOutcome> {

	private static final Logger log = LoggerFactory.getLogger(IngestItemProcessor.class);

	private final QueueRepository queue;

	private final StorageResolver storage;

	private final DocumentStore store;

	private final Extraction extraction;

	private final TextSplitter splitter;

	private final BatchedVersionWriter versions;

	private final ItemStages stages;

	private final DocumentDeletion deletion;

	private final Clock clock;

	private final Duration staleAfter;

	IngestItemProcessor(QueueRepository queue, StorageResolver storage, DocumentStore store, Extraction extraction,
			TextSplitter splitter, BatchedVersionWriter versions, ItemStages stages, DocumentDeletion deletion,
			Clock clock, Duration staleAfter) {
		this.queue = queue;
		this.storage = storage;
		this.store = store;
		this.extraction = extraction;
		this.splitter = splitter;
		this.versions = versions;
		this.stages = stages;
		this.deletion = deletion;
		this.clock = clock;
		this.staleAfter = staleAfter;
	}

	@Override
	public IngestOutcome process(QueueItem item) {
		if (stopRequested()) {
			// A signal or an outage stopped the run: rows of the chunk not yet begun stay queued,
			// so the stop waits only for the documents in hand, however large the chunk.
			return null;
		}
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
		Heartbeat heartbeat = new Heartbeat(this.queue, reservation, this.clock, this.staleAfter);
		Instant phase = this.stages.now();
		SourceFile file = this.storage.resolve(item.id(), item.storagePath());
		// The resolver hands over a private copy of the hashed bytes; closing deletes it.
		try (file) {
			Optional<ActiveVersion> active = this.store.activeVersion(item.documentNodeId());
			if (active.isPresent() && this.store.versionKey().matches(active.get().dedupKey(), file.contentHash())) {
				return new IngestOutcome.Unchanged(reservation, active.get());
			}
			ExtractedDocument document = this.extraction.extract(item.id(), file);
			heartbeat.run();
			this.stages.passed(Stage.EXTRACTED, item.id(), run, phase, 0, IngestItemWriter.count(document.pageCount(), "page"));
			phase = this.stages.now();
			PendingVersion version = this.versions.write(reservation, file.contentHash(), document,
					this.splitter.chunks(document), active, heartbeat);
			this.stages.passed(Stage.EMBEDDED, item.id(), run, phase, version.chunkCount(),
					IngestItemWriter.count(version.chunkCount(), "chunk"));
			return new IngestOutcome.Embedded(reservation, version);
		}
	}

	private static boolean stopRequested() {
		var context = StepSynchronizationManager.getContext();
		return context != null && context.getStepExecution().isTerminateOnly();
	}

	static long currentJobExecutionId() {
		var context = StepSynchronizationManager.getContext();
		if (context == null) {
			throw new IllegalStateException("the ingest processor runs only inside a step");
		}
		return context.getStepExecution().getJobExecutionId();
	}

}
