package dev.ingestor.job;

import java.time.Clock;

import dev.ingestor.queue.QueueItem;
import dev.ingestor.queue.QueueRepository;
import dev.ingestor.queue.QueueStatus;
import dev.ingestor.report.LoggedProgress;
import dev.ingestor.report.Progress;
import dev.ingestor.report.ProgressDisplay;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemProcessListener;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Feeds the ingest step's progress to a display: the terminal line when the command line runs
 * on one, periodic log lines otherwise. Every item ends exactly once: written, filtered
 * (withdrawn before reservation) or skipped (failed).
 */
class ProgressListener implements StepExecutionListener, ItemProcessListener<QueueItem, IngestOutcome>,
		ItemWriteListener<IngestOutcome>, SkipListener<QueueItem, IngestOutcome> {

	private final QueueRepository queue;

	private final Clock clock;

	private final ObjectProvider<ProgressDisplay> displays;

	private Progress progress;

	private ProgressDisplay display;

	ProgressListener(QueueRepository queue, Clock clock, ObjectProvider<ProgressDisplay> displays) {
		this.queue = queue;
		this.clock = clock;
		this.displays = displays;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.progress = new Progress(this.clock, this.queue.countByStatus().get(QueueStatus.QUEUED.dbValue()));
		this.display = this.displays.getIfAvailable(() -> new LoggedProgress(this.clock));
	}

	/** Runs on the worker threads of the multi-threaded step, hence synchronized like {@link #ended}. */
	@Override
	public synchronized void beforeProcess(QueueItem item) {
		this.progress.working(item.storagePath());
		this.display.update(this.progress.snapshot());
	}

	@Override
	public void afterProcess(QueueItem item, IngestOutcome result) {
		if (result == null) {
			ended(0);
		}
	}

	@Override
	public void afterWrite(Chunk<? extends IngestOutcome> outcomes) {
		for (IngestOutcome outcome : outcomes) {
			ended((outcome instanceof IngestOutcome.Embedded embedded) ? embedded.version().chunkCount() : 0);
		}
	}

	@Override
	public void onSkipInProcess(QueueItem item, Throwable failure) {
		ended(0);
	}

	@Override
	public void onSkipInWrite(IngestOutcome outcome, Throwable failure) {
		ended(0);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		this.progress.working("");
		this.display.finish(this.progress.snapshot());
		return null;
	}

	private synchronized void ended(int chunks) {
		this.progress.done(chunks);
		this.display.update(this.progress.snapshot());
	}

}
