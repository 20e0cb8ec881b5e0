package dev.ingestor.queue;

import java.util.List;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.store.PendingVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Returns rows left {@code processing} by a dead run to the queue, or fails them for good once
 * they have been interrupted {@code max-attempts} times, so that a document that kills the
 * worker cannot block the queue. Runs under the run lock, so no live run can own such a row;
 * a row also counts as stale when its run is no longer running in the job repository or its
 * heartbeat is older than {@code stale-after}.
 */
@Component
public class StaleItemRecovery implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(StaleItemRecovery.class);

	private final JdbcClient jdbc;

	private final IngestionLog ingestionLog;

	private final IngestProperties properties;

	private final PendingVersions pending;

	StaleItemRecovery(JdbcClient jdbc, IngestionLog ingestionLog, IngestProperties properties, PendingVersions pending) {
		this.jdbc = jdbc;
		this.pending = pending;
		this.ingestionLog = ingestionLog;
		this.properties = properties;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		long run = chunkContext.getStepContext().getStepExecution().getJobExecutionId();
		List<StaleRow> stale = this.jdbc.sql("""
				SELECT q.id, q.attempts FROM ingestion_queue_item q
				WHERE q.status = 'processing' AND (q.job_execution_id IS NULL OR q.job_execution_id <> :run)
				  AND (q.heartbeat_at IS NULL
				       OR q.heartbeat_at < TIMESTAMPADD(SECOND, -:staleSeconds, CURRENT_TIMESTAMP(6))
				       OR NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e WHERE e.JOB_EXECUTION_ID = q.job_execution_id
				                      AND e.STATUS IN ('STARTING', 'STARTED', 'STOPPING')))
				ORDER BY q.id
				FOR UPDATE""")
			.param("run", run)
			.param("staleSeconds", this.properties.staleAfter().toSeconds())
			.query((rs, row) -> new StaleRow(rs.getLong("id"), rs.getInt("attempts")))
			.list();
		for (StaleRow row : stale) {
			recover(row, run);
			contribution.incrementWriteCount(1);
		}
		if (!stale.isEmpty()) {
			log.warn("recovered {} row(s) left processing by an interrupted run", stale.size());
		}
		// After the rows: a recovered row no longer owns the version its dead run was writing.
		int orphans = this.pending.discardOrphans();
		if (orphans > 0) {
			log.warn("deleted {} pending version(s) that an interrupted or failed run left unfinished", orphans);
		}
		return RepeatStatus.FINISHED;
	}

	/**
	 * Scale-out: rows of the running execution {@code run} (and of {@code rowFilter}, a partition's
	 * share) whose heartbeat is older than {@code stale-after} were held by a worker that died
	 * mid-partition; they go back to the queue, or fail for good, exactly as above. The worker that
	 * takes the partition over calls this; the stale heartbeat is the proof, as no run lock is held.
	 * No FOR UPDATE: its range lock deadlocks with other workers' reservations on InnoDB, and
	 * the update is conditional on the row still being {@code processing} anyway.
	 *
	 * @return how many rows were recovered
	 */
	public int recoverStaleOfRun(long run, String rowFilter) {
		List<StaleRow> stale = this.jdbc.sql("""
				SELECT q.id, q.attempts FROM ingestion_queue_item q
				WHERE q.status = 'processing' AND q.job_execution_id = :run
				  AND q.heartbeat_at < TIMESTAMPADD(SECOND, -:staleSeconds, CURRENT_TIMESTAMP(6))""" + rowFilter + " ORDER BY q.id")
			.param("run", run)
			.param("staleSeconds", this.properties.staleAfter().toSeconds())
			.query((rs, row) -> new StaleRow(rs.getLong("id"), rs.getInt("attempts")))
			.list();
		for (StaleRow row : stale) {
			recover(row, run);
			// Only this row's half-written versions: a table-wide orphan sweep would lock ranges that
			// other workers are inserting into.
			this.jdbc.sql("SELECT id FROM document_version WHERE queue_item_id = :id AND pending = TRUE")
				.param("id", row.id())
				.query(Long.class)
				.list()
				.forEach(this.pending::discard);
		}
		return stale.size();
	}

	private void recover(StaleRow row, long run) {
		int attempts = row.attempts() + 1;
		boolean giveUp = attempts >= this.properties.maxAttempts();
		String message = giveUp ? "gave up after " + attempts + " interrupted attempts"
				: "recovered after an interrupted run (attempt " + attempts + " of " + this.properties.maxAttempts() + ")";
		this.jdbc.sql("""
				UPDATE ingestion_queue_item
				SET status = :status, attempts = :attempts, rag_message = :message, reservation_token = NULL,
				    heartbeat_at = NULL, ended_at = CASE WHEN :giveUp THEN CURRENT_TIMESTAMP(6) ELSE NULL END
				WHERE id = :id AND status = 'processing'""")
			.param("status", (giveUp ? QueueStatus.FAILED : QueueStatus.QUEUED).dbValue())
			.param("attempts", attempts)
			.param("message", message)
			.param("giveUp", giveUp)
			.param("id", row.id())
			.update();
		this.ingestionLog.appendOutcome(row.id(), run, giveUp ? IngestionLog.Level.ERROR : IngestionLog.Level.WARN,
				giveUp ? QueueStatus.FAILED.dbValue() : "requeued", null, message);
		log.warn("item {}: {}", row.id(), message);
	}

	private record StaleRow(long id, int attempts) {
	}

}
