package dev.ingestor.job;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/** Knows which execution is running in this process (for the shutdown hook) and logs its start and end. */
@Component
class RunTracker implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(RunTracker.class);

	private volatile JobExecution current;

	@Override
	public void beforeJob(JobExecution execution) {
		this.current = execution;
		log.info("job execution {} started", execution.getId());
	}

	@Override
	public void afterJob(JobExecution execution) {
		this.current = null;
		long millis = (execution.getStartTime() != null && execution.getEndTime() != null)
				? Duration.between(execution.getStartTime(), execution.getEndTime()).toMillis() : -1;
		log.info("job execution {} ended {} ({}) in {} ms", execution.getId(), execution.getStatus(),
				execution.getExitStatus().getExitCode(), millis);
	}

	/** The execution running in this process, or null. */
	JobExecution current() {
		return this.current;
	}

}
