package dev.ingestor.job;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The console's Restart and Stop. Restart is {@code bin/ingest --restart} ({@link IngestRunner#restartLast()}),
 * run in the background so that the request returns; Stop flags the running steps as SIGTERM
 * does, and pauses the server's poller until the next Restart so that the stop sticks.
 */
@Component
public class RunActions {

	private static final Logger log = LoggerFactory.getLogger(RunActions.class);

	private final IngestRunner runner;

	private final JobRepository jobRepository;

	private final RunTracker tracker;

	private final ObjectProvider<Daemon> daemon;

	private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "console-restart");
		thread.setDaemon(true);
		return thread;
	});

	RunActions(IngestRunner runner, JobRepository jobRepository, RunTracker tracker, ObjectProvider<Daemon> daemon) {
		this.runner = runner;
		this.tracker = tracker;
		this.jobRepository = jobRepository;
		this.daemon = daemon;
	}

	/** What an action did, or why it did nothing. */
	public enum Outcome {

		/** Asked: a restart was launched, or the run was told to stop. */
		ACCEPTED,
		/** Restart: the run is not the last one, or neither FAILED nor STOPPED. */
		NOT_RESTARTABLE,
		/** Stop: the run is not running in this process. */
		NOT_RUNNING_HERE

	}

	/** Only the last run can be restarted, as with {@code --restart}, and only when FAILED or STOPPED. */
	public boolean restartable(long executionId) {
		JobInstance last = this.jobRepository.getLastJobInstance(IngestJobConfiguration.JOB_NAME);
		JobExecution execution = (last != null) ? this.jobRepository.getLastJobExecution(last) : null;
		return execution != null && execution.getId() == executionId
				&& (execution.getStatus() == BatchStatus.FAILED || execution.getStatus() == BatchStatus.STOPPED);
	}

	/** Whether this run is the one this process runs now (Stop applies). */
	public boolean runningHere(long executionId) {
		JobExecution current = this.tracker.current();
		return current != null && current.getId() == executionId;
	}

	public Outcome restart(long executionId) {
		if (!restartable(executionId)) {
			return Outcome.NOT_RESTARTABLE;
		}
		this.background.execute(() -> {
			try {
				IngestRunner.Result result = this.runner.restartLast();
				log.info("console restart of job execution {}: {}", executionId, result.outcome());
			}
			catch (RuntimeException ex) {
				log.error("console restart of job execution {} failed: {}", executionId, ex.toString(), ex);
			}
			finally {
				// The poller was paused by a Stop; it goes on once the restarted run is over.
				this.daemon.ifAvailable(Daemon::resume);
			}
		});
		return Outcome.ACCEPTED;
	}

	public Outcome stop(long executionId) {
		if (!runningHere(executionId)) {
			return Outcome.NOT_RUNNING_HERE;
		}
		this.daemon.ifAvailable(Daemon::pause);
		return this.runner.stopRunning(executionId) ? Outcome.ACCEPTED : Outcome.NOT_RUNNING_HERE;
	}

	@PreDestroy
	void close() {
		this.background.shutdown();
	}

}
