package dev.ingestor.queue;

import dev.ingestor.Redaction;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Appends the per-item history that operators read in {@code ingestion_log} and the report. */
@Component
public class IngestionLog {

	/** Column width of {@code rag_message} and {@code ingestion_log.message}. */
	static final int MESSAGE_LIMIT = 2000;

	/** Severity of a log row. */
	public enum Level {
		INFO, WARN, ERROR
	}

	private final JdbcClient jdbc;

	IngestionLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Writes in the caller's transaction, so the row commits or rolls back with the outcome. */
	public void append(long queueItemId, Long jobExecutionId, Level level, String message) {
		appendOutcome(queueItemId, jobExecutionId, level, null, null, message);
	}

	/**
	 * A row that records how an item ended in a run ({@code indexed}, {@code unchanged},
	 * {@code failed}, {@code download_failed}, {@code requeued}), which the report counts per run.
	 */
	public void appendOutcome(long queueItemId, Long jobExecutionId, Level level, String outcome, Integer chunks,
			String message) {
		this.jdbc.sql("""
				INSERT INTO ingestion_log (queue_item_id, job_execution_id, level, outcome, chunk_count, message)
				VALUES (:item, :run, :level, :outcome, :chunks, :message)""")
			.param("item", queueItemId)
			.param("run", jobExecutionId)
			.param("level", level.name())
			.param("outcome", outcome)
			.param("chunks", chunks)
			.param("message", fit(message))
			.update();
	}

	/**
	 * Cuts a message to the column width rather than failing the write over a long cause, and
	 * hides credentials of any URL it quotes: every rag_message and log row passes here.
	 */
	static String fit(String message) {
		String text = (message != null) ? Redaction.redact(message) : "";
		return (text.length() <= MESSAGE_LIMIT) ? text : text.substring(0, MESSAGE_LIMIT - 1) + "…";
	}

}
