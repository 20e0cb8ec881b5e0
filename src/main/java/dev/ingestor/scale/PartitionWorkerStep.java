package dev.ingestor.scale;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.TransientDataAccessException;

/**
 * The worker's view of {@code ingestQueuedItems}: the very step bean a single-process run uses,
 * guarded for what a broker can deliver.
 * <ul>
 * <li>A request for a partition that already ended (COMPLETED, or marked FAILED by a manager that
 * gave up), or of a run that is no longer running, is ignored with a log line and acknowledged:
 * redelivering it could only loop.</li>
 * <li>A redelivered partition (its worker died) first waits until the rows its previous worker
 * held are stale by their heartbeat, returns them to the queue through the normal recovery, then
 * reads the partition again from the start.</li>
 * <li>On SIGTERM the partition stops after the item in hand and is handed back (STARTED again, not
 * acknowledged), so that the broker redelivers it to another worker.</li>
 * </ul>
 */
class PartitionWorkerStep implements Step {

	private static final Logger log = LoggerFactory.getLogger(PartitionWorkerStep.class);

	/** Runs of a partition that failed on a deadlock or lock timeout, the first included. */
	private static final int ATTEMPTS = 3;

	private final Step delegate;

	private final JobRepository jobRepository;

	private final PartitionRows rows;

	private final Duration pollInterval;

	private final String identity = WorkerIdentity.current();

	private volatile boolean stopping;

	private volatile StepExecution current;

	private final CountDownLatch idle = new CountDownLatch(1);

	PartitionWorkerStep(Step delegate, JobRepository jobRepository, PartitionRows rows, Duration pollInterval) {
		this.delegate = delegate;
		this.jobRepository = jobRepository;
		this.rows = rows;
		this.pollInterval = pollInterval;
	}

	@Override
	public String getName() {
		return this.delegate.getName();
	}

	/** Batch's request handler records what this throws only in memory: say it in the log too. */
	@Override
	public void execute(StepExecution request) throws JobInterruptedException {
		try {
			run(request);
		}
		catch (RuntimeException ex) {
			log.error("partition {} of run {} (step execution {}) failed on {}: {}", request.getStepName(),
					request.getJobExecutionId(), request.getId(), this.identity, ex.toString(), ex);
			throw ex;
		}
	}

	private void run(StepExecution delivered) throws JobInterruptedException {
		if (this.stopping) {
			holdUntilExit();
		}
		// Batch's handler loads the step execution without its context; the partition is in it.
		StepExecution request = this.jobRepository.getStepExecution(delivered.getJobExecutionId(), delivered.getId());
		Partition partition = Partition.of(request);
		if (partition.count() == 0) {
			throw new IllegalStateException("step execution " + request.getId() + " carries no partition");
		}
		for (int attempt = 1;; attempt++) {
			if (ended(request) || !awaitRowsOfDeadWorkers(request, partition)) {
				return;
			}
			if (this.stopping) {
				holdUntilExit();
			}
			if (runOnce(request)) {
				holdUntilExit();
			}
			if (request.getStatus() != BatchStatus.FAILED || attempt >= ATTEMPTS || !transientFailure(request)) {
				return;
			}
			// Workers on other machines write beside this one, so InnoDB may pick one of them as a
			// deadlock's loser; the rows its chunk held are recovered as stale, like a dead worker's.
			// STARTED again at once, so that the manager does not take the partition for ended.
			reopen(request, "running again after a transient database error");
			log.warn("partition {} of run {} failed on a transient database error; running it again (attempt {} of {})",
					request.getStepName(), request.getJobExecutionId(), attempt + 1, ATTEMPTS);
		}
	}

	/**
	 * Runs the partition once; true when a shutdown stopped it and it was handed back. The
	 * partition counts as in hand ({@link #stop} waits for it) until it is handed back: the
	 * process must not exit between its stop and the write that makes it STARTED again.
	 */
	private boolean runOnce(StepExecution request) throws JobInterruptedException {
		log.info("partition {} of run {} (step execution {}): started on {}", request.getStepName(),
				request.getJobExecutionId(), request.getId(), this.identity);
		request.getExecutionContext().putString(Partition.WORKER_KEY, this.identity);
		this.current = request;
		try {
			this.delegate.execute(request);
			log.info("partition {} of run {}: {} (read {}, written {}, skipped {})", request.getStepName(),
					request.getJobExecutionId(), request.getStatus(), request.getReadCount(), request.getWriteCount(),
					request.getSkipCount());
			if (this.stopping && request.getStatus() == BatchStatus.STOPPED) {
				handBack(request);
				return true;
			}
			return false;
		}
		finally {
			this.current = null;
		}
	}

	private static boolean transientFailure(StepExecution execution) {
		for (Throwable failure : execution.getFailureExceptions()) {
			for (Throwable cause = failure; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
				if (cause instanceof TransientDataAccessException) {
					return true;
				}
			}
		}
		return false;
	}

	/** True, with a log line, when the request is for a partition or a run that already ended. */
	private boolean ended(StepExecution request) {
		BatchStatus status = this.jobRepository.getStepExecution(request.getId()).getStatus();
		boolean runEnded = !request.getJobExecution().isRunning();
		if (runEnded || status == BatchStatus.COMPLETED || status == BatchStatus.FAILED
				|| status == BatchStatus.ABANDONED) {
			log.warn("ignoring the request for {} (step execution {}): the partition is {}, its run {} is {}",
					request.getStepName(), request.getId(), status, request.getJobExecutionId(),
					request.getJobExecution().getStatus());
			return true;
		}
		return false;
	}

	/**
	 * Rows of the partition still held under this run belong to a worker that had it before
	 * (killed, or cut off from the broker): wait until they are terminal, or stale and recovered.
	 * False when meanwhile the partition ended elsewhere.
	 */
	private boolean awaitRowsOfDeadWorkers(StepExecution request, Partition partition) {
		long run = request.getJobExecutionId();
		boolean logged = false;
		while (true) {
			int recovered;
			try {
				recovered = this.rows.recoverStale(run, partition);
			}
			catch (TransientDataAccessException ex) {
				// A deadlock or lock timeout against other workers' writes: try again at the next poll.
				log.warn("partition {} of run {}: recovery will be tried again: {}", request.getStepName(), run,
						ex.getMostSpecificCause().getMessage());
				pause(this.pollInterval);
				continue;
			}
			if (recovered > 0) {
				log.warn("partition {} of run {}: {} row(s) of a dead worker are back in the queue", request.getStepName(),
						run, recovered);
			}
			long held = this.rows.held(run, partition);
			if (held == 0) {
				return true;
			}
			if (!logged) {
				log.warn("partition {} of run {}: waiting for {} row(s) another worker holds to end or go stale",
						request.getStepName(), run, held);
				logged = true;
			}
			if (ended(request)) {
				return false;
			}
			pause(this.pollInterval);
		}
	}

	/** STARTED again, so that the manager keeps waiting while the broker redelivers the request. */
	private void handBack(StepExecution stopped) {
		reopen(stopped, "handed back by " + this.identity + " on shutdown");
		log.warn("partition {} of run {}: stopped after the item in hand and handed back for redelivery",
				stopped.getStepName(), stopped.getJobExecutionId());
	}

	private void reopen(StepExecution ended, String why) {
		ended.setStatus(BatchStatus.STARTED);
		ended.setExitStatus(ExitStatus.EXECUTING.addExitDescription(why));
		ended.setEndTime(null);
		this.jobRepository.update(ended);
	}

	/**
	 * Stops taking work: the partition in hand stops after its item in hand and is handed back.
	 * Returns when no partition is running any more, or after {@code grace}.
	 */
	void stop(Duration grace) {
		this.stopping = true;
		StepExecution running = this.current;
		if (running != null) {
			log.warn("shutdown requested: stopping partition {} after the item in hand", running.getStepName());
			running.setTerminateOnly();
		}
		long deadline = System.nanoTime() + grace.toNanos();
		while (this.current != null && System.nanoTime() < deadline) {
			pause(Duration.ofMillis(50));
		}
	}

	/**
	 * Never returns: the listener must not acknowledge a partition handed back. The process exits,
	 * its connection closes, and the broker redelivers the request.
	 */
	private void holdUntilExit() {
		try {
			this.idle.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw new IllegalStateException("worker shutting down; the request stays unacknowledged");
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting", ex);
		}
	}

}
