package dev.ingestor.report;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.ingestor.queue.QueueRepository;
import dev.ingestor.scale.Partition;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads the queue, the job repository and the ingestion log into a {@link Report}. */
@Service
public class ReportService {

	static final String JOB_NAME = "ingestJob";

	private final QueueRepository queue;

	private final JobRepository jobRepository;

	private final JdbcClient jdbc;

	ReportService(QueueRepository queue, JobRepository jobRepository, JdbcClient jdbc) {
		this.queue = queue;
		this.jobRepository = jobRepository;
		this.jdbc = jdbc;
	}

	public Report report(int lastRuns, int lastFailures) {
		List<Report.Run> runs = new ArrayList<>();
		for (JobInstance instance : this.jobRepository.getJobInstances(JOB_NAME, 0, lastRuns)) {
			for (JobExecution execution : this.jobRepository.getJobExecutions(instance)) {
				runs.add(run(execution));
			}
		}
		runs.sort((a, b) -> Long.compare(b.id(), a.id()));
		return new Report(this.queue.countByStatus(), runs.subList(0, Math.min(lastRuns, runs.size())),
				recentFailures(lastFailures));
	}

	/**
	 * Runs newest first, those of {@code count} job instances from the {@code offset}-th: the
	 * console's pages of runs. A restarted instance's executions stay together.
	 */
	public List<Report.Run> runs(int offset, int count) {
		List<Report.Run> runs = new ArrayList<>();
		for (JobInstance instance : this.jobRepository.getJobInstances(JOB_NAME, offset, count)) {
			for (JobExecution execution : this.jobRepository.getJobExecutions(instance)) {
				runs.add(run(execution));
			}
		}
		runs.sort((a, b) -> Long.compare(b.id(), a.id()));
		return runs;
	}

	/** One run of {@code ingestJob} with its item-level log; empty when no such run exists. */
	public Optional<Report.RunDetail> runDetail(long jobExecutionId) {
		return runDetail(jobExecutionId, null);
	}

	/**
	 * One run with only the log rows and documents of one tenant's items (every tenant's when
	 * null): a run serves all tenants, its item history does not.
	 */
	public Optional<Report.RunDetail> runDetail(long jobExecutionId, String tenant) {
		JobExecution execution;
		try {
			execution = this.jobRepository.getJobExecution(jobExecutionId);
		}
		catch (EmptyResultDataAccessException ex) {
			// The JDBC repository throws for an unknown id rather than returning null as documented.
			return Optional.empty();
		}
		if (execution == null || !JOB_NAME.equals(execution.getJobInstance().getJobName())) {
			return Optional.empty();
		}
		List<Report.LogEntry> log = this.jdbc.sql("""
				SELECT l.queue_item_id, q.storage_path, l.level, l.outcome, l.message, l.created_at
				FROM ingestion_log l LEFT JOIN ingestion_queue_item q ON q.id = l.queue_item_id
				WHERE l.job_execution_id = :run""" + ofTenant("l.queue_item_id", tenant) + " ORDER BY l.id")
			.params(runParams(jobExecutionId, tenant))
			.query((rs, row) -> new Report.LogEntry(rs.getLong("queue_item_id"), rs.getString("storage_path"),
					rs.getString("level"), rs.getString("outcome"), rs.getString("message"),
					rs.getObject("created_at", LocalDateTime.class)))
			.list();
		return Optional.of(new Report.RunDetail(run(execution), log, documents(jobExecutionId, tenant)));
	}

	/** A condition that keeps the rows of one tenant's queue items, or nothing when tenant is null. */
	private static String ofTenant(String itemIdColumn, String tenant) {
		return (tenant == null) ? "" : " AND " + itemIdColumn + " IN (SELECT qi.id FROM ingestion_queue_item qi "
				+ "JOIN document_node dn ON dn.id = qi.document_node_id WHERE dn.tenant_id = :tenant)";
	}

	private static Map<String, Object> runParams(long jobExecutionId, String tenant) {
		Map<String, Object> params = new HashMap<>();
		params.put("run", jobExecutionId);
		if (tenant != null) {
			params.put("tenant", tenant);
		}
		return params;
	}

	private List<Report.DocumentInfo> documents(long jobExecutionId, String tenant) {
		return this.jdbc.sql("""
				SELECT v.queue_item_id, q.storage_path, v.page_count, v.chunk_count, v.title, v.author, v.language,
				  v.source_created_at
				FROM document_version v JOIN ingestion_queue_item q ON q.id = v.queue_item_id
				WHERE q.job_execution_id = :run AND v.pending = FALSE""" + ofTenant("q.id", tenant)
				+ " ORDER BY v.queue_item_id")
			.params(runParams(jobExecutionId, tenant))
			.query((rs, row) -> new Report.DocumentInfo(rs.getLong("queue_item_id"), rs.getString("storage_path"),
					extension(rs.getString("storage_path")), rs.getInt("page_count"), rs.getInt("chunk_count"),
					rs.getString("title"), rs.getString("author"), rs.getString("language"),
					rs.getObject("source_created_at", LocalDateTime.class)))
			.list();
	}

	private static String extension(String path) {
		int dot = path.lastIndexOf('.');
		return (dot < 0 || dot < path.lastIndexOf('/')) ? "" : path.substring(dot + 1);
	}

	private Report.Run run(JobExecution execution) {
		Map<String, Long> outcomes = new TreeMap<>();
		for (String outcome : List.of("indexed", "unchanged", "failed", "download_failed", "requeued")) {
			outcomes.put(outcome, 0L);
		}
		long[] chunks = { 0 };
		this.jdbc.sql("""
				SELECT outcome, COUNT(*) AS n, COALESCE(SUM(chunk_count), 0) AS chunks FROM ingestion_log
				WHERE job_execution_id = :run AND outcome IS NOT NULL GROUP BY outcome""")
			.param("run", execution.getId())
			.query((rs, row) -> {
				outcomes.put(rs.getString("outcome"), rs.getLong("n"));
				chunks[0] += rs.getLong("chunks");
				return null;
			})
			.list();
		LocalDateTime start = execution.getStartTime();
		LocalDateTime end = (execution.getEndTime() != null) ? execution.getEndTime() : LocalDateTime.now();
		long millis = (start != null) ? Math.max(0, Duration.between(start, end).toMillis()) : 0;
		long documents = outcomes.get("indexed") + outcomes.get("unchanged");
		double perMinute = (millis > 0) ? documents * 60_000.0 / millis : 0;
		List<Report.Step> steps = execution.getStepExecutions().stream().map(ReportService::step).toList();
		return new Report.Run(execution.getId(), execution.getStatus().name(), execution.getExitStatus().getExitCode(),
				firstLine(execution.getExitStatus().getExitDescription()), start, millis, steps, outcomes, chunks[0],
				Math.round(perMinute * 10) / 10.0);
	}

	private static Report.Step step(StepExecution step) {
		return new Report.Step(step.getStepName(), step.getStatus().name(), step.getReadCount(), step.getWriteCount(),
				step.getFilterCount(), step.getSkipCount(), step.getCommitCount(), step.getRollbackCount(),
				step.getExecutionContext().getString(Partition.WORKER_KEY, null));
	}

	private List<Report.Failure> recentFailures(int limit) {
		return this.jdbc.sql("""
				SELECT id, storage_path, status, rag_message, ended_at FROM ingestion_queue_item
				WHERE status IN ('failed', 'download_failed') ORDER BY ended_at DESC, id DESC LIMIT :limit""")
			.param("limit", limit)
			.query((rs, row) -> new Report.Failure(rs.getLong("id"), rs.getString("storage_path"),
					rs.getString("status"), rs.getString("rag_message"),
					rs.getObject("ended_at", LocalDateTime.class)))
			.list();
	}

	static String firstLine(String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		int newline = text.indexOf('\n');
		return (newline < 0) ? text : text.substring(0, newline);
	}

}
