package dev.ingestor.scale;

import dev.ingestor.queue.StaleItemRecovery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The queue rows of one partition of a run that some worker holds ({@code processing}). */
class PartitionRows {

	private final JdbcClient jdbc;

	private final StaleItemRecovery recovery;

	private final TransactionTemplate transaction;

	PartitionRows(JdbcClient jdbc, StaleItemRecovery recovery, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.recovery = recovery;
		this.transaction = transaction;
	}

	/** Rows a dead worker held, stale by their heartbeat, back to the queue (the normal recovery). */
	int recoverStale(long run, Partition partition) {
		Integer recovered = this.transaction.execute(status -> this.recovery.recoverStaleOfRun(run, partition.rowFilter()));
		return (recovered != null) ? recovered : 0;
	}

	/** Rows of the partition still {@code processing} under this run: some worker, live or not, holds them. */
	long held(long run, Partition partition) {
		return this.jdbc.sql("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'processing' AND job_execution_id = :run"
				+ partition.rowFilter())
			.param("run", run)
			.query(Long.class)
			.single();
	}

}
