package dev.ingestor.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ConcurrentModificationException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Launches {@code ingestJob} the safe way: under the run lock, after marking executions left
 * STARTED by a dead process as FAILED (only possible because the lock proves they are dead).
 */
@Component
public class IngestRunner {

	private static final Logger log = LoggerFactory.getLogger(IngestRunner.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job ingestJob;

	private final RunLock runLock;

	private final RunTracker tracker;

	/** Held by the thread that launches, from before the run lock is taken until after it is released. */
	private final ReentrantLock busy = new ReentrantLock();

	/** Set by the shutdown hook: no new launch may start once the JVM is going down. */
	private volatile boolean shuttingDown;

	IngestRunner(JobOperator jobOperator, JobRepository jobRepository, Job ingestJob, RunLock runLock,
			RunTracker tracker) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.ingestJob = ingestJob;
		this.runLock = runLock;
		this.tracker = tracker;
	}

	/** One pass over the queue as a new job instance. */
	public Result runOnce() {
		return underLock(lock -> launch(() -> this.jobOperator.startNextInstance(this.ingestJob)));
	}

	/** Recovers and restarts the last failed or stopped run; says so when there is none. */
	public Result restartLast() {
		return underLock(lock -> {
			JobInstance last = this.jobRepository.getLastJobInstance(IngestJobConfiguration.JOB_NAME);
			JobExecution execution = (last != null) ? this.jobRepository.getLastJobExecution(last) : null;
			if (execution == null || !(execution.getStatus() == BatchStatus.FAILED
					|| execution.getStatus() == BatchStatus.STOPPED)) {
				log.info("nothing to restart: the last run is {}",
						(execution != null) ? execution.getStatus() : "absent");
				return new Result(RunOutcome.NOTHING_TO_RESTART, execution);
			}
			log.info("restarting job execution {} ({})", execution.getId(), execution.getStatus());
			return launch(() -> {
				try {
					return this.jobOperator.restart(execution);
				}
				catch (JobRestartException ex) {
					throw new IllegalStateException("cannot restart execution " + execution.getId() + ": " + ex.getMessage(), ex);
				}
			});
		});
	}

	private Result underLock(Function<RunLock.Held, Result> work) {
		this.busy.lock();
		try {
			if (this.shuttingDown) {
				log.warn("shutting down; not starting a run");
				return new Result(RunOutcome.STOPPED, null);
			}
			Optional<RunLock.Held> acquired = this.runLock.tryAcquire(this::stopCurrentRun);
			if (acquired.isEmpty()) {
				log.warn("another run holds the lock; exiting without touching the queue");
				return new Result(RunOutcome.LOCKED, null);
			}
			try (RunLock.Held lock = acquired.get()) {
				recoverDeadExecutions();
				Result result = work.apply(lock);
				RunEndedPause.reached();
				return result;
			}
		}
		finally {
			this.busy.unlock();
		}
	}

	/** The lock was lost under a live run: it must not write beside its successor any longer. */
	private void stopCurrentRun() {
		JobExecution running = this.tracker.current();
		if (running != null) {
			requestStop(running);
		}
	}

	/** With the lock held, an execution still marked running belongs to a dead process. */
	private void recoverDeadExecutions() {
		for (JobExecution dead : this.jobRepository.findRunningJobExecutions(IngestJobConfiguration.JOB_NAME)) {
			log.warn("job execution {} was left {} by a dead run; marking it FAILED", dead.getId(), dead.getStatus());
			this.jobOperator.recover(dead);
		}
	}

	private Result launch(Launch launch) {
		JobExecution execution = launch.start();
		return new Result(outcomeOf(execution), execution);
	}

	static RunOutcome outcomeOf(JobExecution execution) {
		String stopReason = execution.getExecutionContext().getString(FailureRecorder.STOP_REASON, "");
		if (FailureRecorder.STOP_EMBEDDING_UNAVAILABLE.equals(stopReason)) {
			return RunOutcome.EMBEDDING_UNAVAILABLE;
		}
		if (FailureRecorder.STOP_STORAGE_UNAVAILABLE.equals(stopReason)) {
			return RunOutcome.STORAGE_UNAVAILABLE;
		}
		return switch (execution.getStatus()) {
			case COMPLETED -> RunOutcome.COMPLETED;
			case STOPPED, STOPPING -> RunOutcome.STOPPED;
			default -> RunOutcome.FAILED;
		};
	}

	/** Whether a launch is in progress in this process (from before taking the lock until after releasing it). */
	public boolean isBusy() {
		return this.busy.isLocked();
	}

	/**
	 * Used on SIGTERM or Ctrl-C: forbids new launches, asks the running execution (also a step
	 * or an execution that starts while we wait) to stop at the next chunk boundary, and waits up
	 * to {@code grace} until the launching thread is done: the execution's STOPPED status saved
	 * and the run lock released. False when the grace ran out.
	 *
	 * <p>We flag the live step executions instead of calling {@code JobOperator.stop}: that saves
	 * the same step execution from this thread while the job's thread saves it too, and the job
	 * then fails on an optimistic-locking conflict instead of stopping. The step's own thread
	 * sees the flag, ends STOPPED and saves it; the job follows.
	 */
	public boolean stopAndWait(Duration grace) {
		this.shuttingDown = true;
		Instant deadline = Instant.now().plus(grace);
		boolean logged = false;
		try {
			while (Instant.now().isBefore(deadline)) {
				JobExecution running = this.tracker.current();
				if (running != null) {
					if (!logged) {
						log.warn("shutdown requested: stopping job execution {} after the item in hand", running.getId());
						logged = true;
					}
					requestStop(running);
				}
				if (this.busy.tryLock(100, TimeUnit.MILLISECONDS)) {
					this.busy.unlock();
					return true;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return false;
	}

	/**
	 * The console's Stop: asks the execution running in this process to stop after the items in
	 * hand, as a signal does, but leaves later launches allowed. False when it is not running here.
	 */
	boolean stopRunning(long executionId) {
		JobExecution running = this.tracker.current();
		if (running == null || running.getId() != executionId) {
			return false;
		}
		log.warn("stop requested from the console: stopping job execution {} after the item in hand", executionId);
		requestStop(running);
		return true;
	}

	private static void requestStop(JobExecution execution) {
		try {
			for (StepExecution step : execution.getStepExecutions()) {
				if (step.getStatus().isRunning()) {
					step.setTerminateOnly();
				}
			}
		}
		catch (ConcurrentModificationException ex) {
			// The job's thread just added its next step; flagged at the next poll.
		}
	}

	@FunctionalInterface
	private interface Launch {

		JobExecution start();

	}

	/**
	 * @param outcome how the launch ended
	 * @param execution the execution it ran or inspected, if any
	 */
	public record Result(RunOutcome outcome, JobExecution execution) {
	}

}
