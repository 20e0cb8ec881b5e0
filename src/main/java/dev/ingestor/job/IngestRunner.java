package dev.ingestor.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
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
		Optional<RunLock.Held> acquired = this.runLock.tryAcquire();
		if (acquired.isEmpty()) {
			log.warn("another run holds the lock; exiting without touching the queue");
			return new Result(RunOutcome.LOCKED, null);
		}
		try (RunLock.Held lock = acquired.get()) {
			recoverDeadExecutions();
			return work.apply(lock);
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
		if (FailureRecorder.STOP_EMBEDDING_UNAVAILABLE
			.equals(execution.getExecutionContext().getString(FailureRecorder.STOP_REASON, ""))) {
			return RunOutcome.EMBEDDING_UNAVAILABLE;
		}
		return switch (execution.getStatus()) {
			case COMPLETED -> RunOutcome.COMPLETED;
			case STOPPED, STOPPING -> RunOutcome.STOPPED;
			default -> RunOutcome.FAILED;
		};
	}

	/**
	 * Asks the running execution to stop at the next chunk boundary and waits, up to
	 * {@code grace}, for its STOPPED status to be saved. Used by the shutdown hook.
	 */
	public boolean stopAndWait(Duration grace) {
		JobExecution execution = this.tracker.current();
		if (execution == null) {
			return true;
		}
		try {
			this.jobOperator.stop(execution);
		}
		catch (JobExecutionNotRunningException ex) {
			return true;
		}
		Instant deadline = Instant.now().plus(grace);
		while (Instant.now().isBefore(deadline)) {
			if (this.tracker.current() == null) {
				return true;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return false;
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
