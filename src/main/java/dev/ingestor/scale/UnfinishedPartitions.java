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
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * After the manager step: partitions that were still waiting or running when it gave up (the
 * timeout, or the broker refused a request) are marked FAILED, so that a request still in the
 * queue for them is ignored by the workers and {@code bin/ingest --restart} sends them again;
 * the run's exit description names them.
 */
class UnfinishedPartitions implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(UnfinishedPartitions.class);

	private final JobRepository jobRepository;

	private final Duration timeout;

	UnfinishedPartitions(JobRepository jobRepository, Duration timeout) {
		this.jobRepository = jobRepository;
		this.timeout = timeout;
	}

	@Override
	public ExitStatus afterStep(StepExecution manager) {
		if (manager.getStatus() != BatchStatus.FAILED) {
			return null;
		}
		JobExecution job = this.jobRepository.getJobExecution(manager.getJobExecutionId());
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
		if (unfinished.isEmpty()) {
			return null;
		}
		unfinished.sort(null);
		String message = "partitions not finished within " + this.timeout + " (are workers running?): "
				+ String.join(", ", unfinished) + "; bin/ingest --restart sends only these again";
		log.error(message);
		return new ExitStatus(ExitStatus.FAILED.getExitCode(), message);
	}

}
