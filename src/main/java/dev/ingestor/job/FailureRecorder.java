package dev.ingestor.job;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.ingestor.queue.IngestionLog;
import dev.ingestor.queue.QueueItem;
import dev.ingestor.queue.QueueRepository;
import dev.ingestor.queue.QueueStatus;
import dev.ingestor.report.ItemStages;
import dev.ingestor.source.SourceUnavailableException;
import dev.ingestor.source.StorageRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.skip.SkipPolicy;

/**
 * Gives every skipped item its terminal status and log row, each in its own transaction: the
 * skip callback runs inside the chunk transaction, which may still roll back. Also the skip
 * policy, so that what is skipped and what is recorded cannot drift apart.
 */
class FailureRecorder implements SkipListener<QueueItem, IngestOutcome>, SkipPolicy {

	/** Job execution context key saying why the run stopped early, when it did. */
	static final String STOP_REASON = "ingest.stopReason";

	static final String STOP_EMBEDDING_UNAVAILABLE = "EMBEDDING_UNAVAILABLE";

	static final String STOP_STORAGE_UNAVAILABLE = "STORAGE_UNAVAILABLE";

	private static final Logger log = LoggerFactory.getLogger(FailureRecorder.class);

	private final QueueRepository queue;

	private final IngestionLog ingestionLog;

	private final ItemStages stages;

	/** Runs of this process that met a stopping failure. */
	private final Set<Long> stoppedRuns = ConcurrentHashMap.newKeySet();

	private final StorageRoot storage;

	FailureRecorder(QueueRepository queue, IngestionLog ingestionLog, ItemStages stages, StorageRoot storage) {
		this.queue = queue;
		this.ingestionLog = ingestionLog;
		this.stages = stages;
		this.storage = storage;
	}

	@Override
	public boolean shouldSkip(Throwable failure, long skipCount) {
		return FailureMapping.endsItem(failure);
	}

	@Override
	public void onSkipInProcess(QueueItem item, Throwable failure) {
		record(item.id(), failure);
	}

	@Override
	public void onSkipInWrite(IngestOutcome outcome, Throwable failure) {
		record(outcome.reservation().itemId(), failure);
	}

	private void record(long itemId, Throwable thrown) {
		Throwable failure = outageBehind(itemId, thrown);
		StepExecution step = StepSynchronizationManager.getContext().getStepExecution();
		if (FailureMapping.stopsRun(failure) && !firstToStop(step)) {
			// Several documents are in flight: the first to meet the outage ends failed with the
			// cause, the others were only in hand with it and go back to the queue.
			String reason = "returned to the queue: the run stopped early (" + FailureMapping.messageFor(failure) + ")";
			this.queue.requeueInOwnTransaction(itemId, step.getJobExecutionId(), reason, this.ingestionLog);
			return;
		}
		QueueStatus status = FailureMapping.statusFor(failure);
		String message = FailureMapping.messageFor(failure);
		if (this.queue.failInOwnTransaction(itemId, step.getJobExecutionId(), status, message, this.ingestionLog)) {
			this.stages.failed(itemId, step.getJobExecutionId(), status.dbValue(), message);
		}
		if (FailureMapping.stopsRun(failure)) {
			log.error("stopping the run early: {}; the remaining rows stay queued for the next run", message);
			step.getJobExecution().getExecutionContext().putString(STOP_REASON, FailureMapping.stopReason(failure));
			step.setTerminateOnly();
		}
	}

	/**
	 * Whether this failure is the run's first stopping one; documents in flight race here. Kept
	 * in memory, not in the execution context, which a restart inherits.
	 */
	private boolean firstToStop(StepExecution step) {
		return this.stoppedRuns.add(step.getJobExecutionId());
	}

	/** A file that cannot be had because the whole storage directory is gone is an outage, not the document's fault. */
	private Throwable outageBehind(long itemId, Throwable failure) {
		if (failure instanceof SourceUnavailableException) {
			return this.storage.outageBehind(itemId).<Throwable>map(outage -> outage).orElse(failure);
		}
		return failure;
	}

}
