package dev.ingestor.report;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * What ran, what failed and why: the admin view behind {@code bin/ingest report}.
 *
 * @param queue rows per status, every status present
 * @param runs the most recent job executions, newest first
 * @param recentFailures the most recent failed and download_failed rows, newest first
 */
public record Report(Map<String, Long> queue, List<Run> runs, List<Failure> recentFailures) {

	/**
	 * One job execution with its step counters and the outcomes of its items.
	 *
	 * @param id job execution id
	 * @param status BatchStatus
	 * @param exitCode ExitStatus code
	 * @param exitDescription first line of the exit description
	 * @param startTime when it started
	 * @param durationMillis how long it ran, or ran until now
	 * @param steps per-step counters
	 * @param outcomes items per outcome (indexed, unchanged, failed, download_failed, requeued)
	 * @param chunksWritten chunks stored by the run
	 * @param docsPerMinute indexed and unchanged documents per minute of run time
	 */
	public record Run(long id, String status, String exitCode, String exitDescription, LocalDateTime startTime,
			long durationMillis, List<Step> steps, Map<String, Long> outcomes, long chunksWritten,
			double docsPerMinute) {
	}

	/**
	 * Spring Batch's counters for one step execution; a partition of a scaled-out run also names
	 * the worker ({@code host/pid}) that ran it last, otherwise {@code worker} is null.
	 */
	public record Step(String name, String status, long read, long write, long filter, long skip, long commits,
			long rollbacks, String worker) {
	}

	/**
	 * A row that ended badly.
	 */
	public record Failure(long itemId, String storagePath, String status, String reason, LocalDateTime endedAt) {
	}

	/**
	 * One run with its item-level history, for {@code bin/ingest report run <id>}.
	 *
	 * @param run the run's counters and outcomes
	 * @param log the run's ingestion_log rows, oldest first
	 * @param documents the versions the run stored, with the metadata their files state
	 */
	public record RunDetail(Run run, List<LogEntry> log, List<DocumentInfo> documents) {

		public RunDetail(Run run, List<LogEntry> log) {
			this(run, log, List.of());
		}

	}

	/**
	 * A version stored by a run and what its file says about itself (null where it says nothing).
	 */
	public record DocumentInfo(long itemId, String storagePath, String format, int pages, int chunks, String title,
			String author, String language, LocalDateTime created) {
	}

	/**
	 * One ingestion_log row of a run.
	 */
	public record LogEntry(long itemId, String storagePath, String level, String outcome, String message,
			LocalDateTime time) {
	}

}
