package dev.ingestor.scale;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/**
 * The manager step, and what happens when it gives up (INGEST_PARTITION_TIMEOUT, or the broker
 * refused a request): partitions still waiting or running are marked FAILED, so that a request
 * still in the queue for them is ignored by the workers and {@code bin/ingest --restart} sends
 * exactly these again; the run's exit description names them instead of Batch's bare
 * "Timed out waiting for task" (whose stack trace the log has).
 */
class UnfinishedPartitions implements Step {

	private static final Logger log = LoggerFactory.getLogger(UnfinishedPartitions.class);

	private final Step manager;

	private final JobRepository jobRepository;

	private final Duration timeout;

	UnfinishedPartitions(Step manager, JobRepository jobRepository, Duration timeout) {
		this.manager = manager;
		this.jobRepository = jobRepository;
		this.timeout = timeout;
	}

	@Override
	public String getName() {
		return this.manager.getName();
	}

	@Override
	public boolean isAllowStartIfComplete() {
		return this.manager.isAllowStartIfComplete();
	}

	@Override
	public int getStartLimit() {
		return this.manager.getStartLimit();
	}

	@Override
	public void execute(StepExecution execution) throws JobInterruptedException {
		this.manager.execute(execution);
		if (execution.getStatus() != BatchStatus.FAILED) {
			return;
		}
		List<String> unfinished = markUnfinishedFailed(execution.getJobExecutionId());
		if (!unfinished.isEmpty()) {
			String message = "partitions not finished within " + this.timeout + " (are workers running?): "
					+ String.join(", ", unfinished) + "; bin/ingest --restart sends only these again";
			log.error(message);
			execution.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), message));
			this.jobRepository.update(execution);
		}
	}

	private List<String> markUnfinishedFailed(long jobExecutionId) {
		JobExecution job = this.jobRepository.getJobExecution(jobExecutionId);
		List<String> unfinished = new ArrayList<>();
		for (StepExecution partition : job.getStepExecutions()) {
			if (partition.getStepName().startsWith(Partition.WORKER_STEP + ":") && partition.getStatus().isRunning()) {
				partition.setStatus(BatchStatus.FAILED);
				partition.setExitStatus(ExitStatus.FAILED.addExitDescription("the manager stopped waiting for it"));
				partition.setEndTime(LocalDateTime.now());
				this.jobRepository.update(partition);
				unfinished.add(partition.getStepName());
			}
		}
		unfinished.sort(null);
		return unfinished;
	}

}
