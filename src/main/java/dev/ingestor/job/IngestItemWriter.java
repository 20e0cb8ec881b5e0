package dev.ingestor.job;

import java.time.Instant;

import dev.ingestor.queue.IngestionLog;
import dev.ingestor.queue.QueueRepository;
import dev.ingestor.queue.QueueStatus;
import dev.ingestor.queue.Reservation;
import dev.ingestor.report.ItemStages;
import dev.ingestor.store.DocumentStore;
import dev.ingestor.store.PendingVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits each outcome as soon as its document is done, on its worker thread, in a transaction
 * of its own ({@link #commit}): the row's terminal status first (fenced by the reservation
 * token), then the switch to its pending version (written by the processor) and the log row. A
 * row whose reservation was lost is left untouched, and nothing is stored for it.
 *
 * <p>When the database refuses one item's data (a duplicate key, text the column's character
 * set cannot hold), only that item's transaction rolls back and the item ends {@code failed}
 * with the database's reason; no exception reaches Spring Batch, so it never enters its scan
 * mode. A failure of the database itself ({@link FailureMapping#isDatabaseOutage}) is rethrown:
 * the job fails, and the item stays {@code processing} for the next run's recovery.
 */
class IngestItemWriter implements ItemWriter<IngestOutcome> {

	private static final Logger log = LoggerFactory.getLogger(IngestItemWriter.class);

	private final QueueRepository queue;

	private final DocumentStore store;

	private final PendingVersions pending;

	private final IngestionLog ingestionLog;

	private final ItemStages stages;

	/** Tries of one outcome's commit that InnoDB may end as a deadlock victim. */
	static final int DEADLOCK_ATTEMPTS = 5;

	private final TransactionTemplate transaction;

	private final DocumentDeletion deletion;

	IngestItemWriter(QueueRepository queue, DocumentStore store, PendingVersions pending, IngestionLog ingestionLog,
			ItemStages stages, PlatformTransactionManager transactionManager, DocumentDeletion deletion) {
		this.queue = queue;
		this.store = store;
		this.pending = pending;
		this.ingestionLog = ingestionLog;
		this.stages = stages;
		this.transaction = new TransactionTemplate(transactionManager);
		// Parallel commits of different documents: no gap locks on the activation's scans.
		this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		this.deletion = deletion;
	}

	/**
	 * Nothing is left to write: each outcome was committed by {@link #commit} on the worker
	 * thread that produced it, as soon as its document was done. The chunk transaction holds
	 * only Spring Batch's own bookkeeping.
	 */
	@Override
	public void write(Chunk<? extends IngestOutcome> outcomes) {
	}

	/**
	 * Commits one outcome in a transaction of its own, on the worker thread that produced it:
	 * the documents in flight write in parallel, none waits for a slower neighbour, and none can
	 * roll back another. When the database refuses the item's data, its writes roll back and it
	 * ends {@code failed} with the database's reason, in a second transaction; a database outage
	 * is rethrown and fails the run, with this item left {@code processing} for recovery.
	 */
	void commit(IngestOutcome outcome) {
		Runnable report;
		try {
			report = writeRetryingDeadlocks(outcome);
		}
		catch (RuntimeException ex) {
			if (FailureMapping.isDatabaseOutage(ex)) {
				throw ex;
			}
			this.transaction.executeWithoutResult(status -> refused(outcome, ex));
			return;
		}
		report.run();
	}

	/**
	 * Documents commit in parallel, and InnoDB may still pick one of two activations as a
	 * deadlock victim (read-committed takes no gap locks on the scans, but the unique key on
	 * {@code active_node_id} is checked with locks of its own). The victim's transaction was
	 * rolled back whole, so writing it again is safe; after {@link #DEADLOCK_ATTEMPTS} the
	 * database counts as failing.
	 */
	private Runnable writeRetryingDeadlocks(IngestOutcome outcome) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.transaction.execute(status -> write(outcome));
			}
			catch (PessimisticLockingFailureException ex) {
				if (attempt == DEADLOCK_ATTEMPTS) {
					throw ex;
				}
				log.info("item {}: its commit met a deadlock; attempt {} of {}", outcome.reservation().itemId(),
						attempt + 1, DEADLOCK_ATTEMPTS);
			}
		}
	}

	/** Writes one outcome; returns what to report once it is committed. */
	private Runnable write(IngestOutcome outcome) {
		if (outcome instanceof IngestOutcome.Deleted deleted) {
			this.deletion.write(deleted);
			return () -> {
			};
		}
		Reservation reservation = outcome.reservation();
		Instant began = this.stages.now();
		String message = message(outcome);
		if (!this.queue.finish(reservation, QueueStatus.INDEXED, message)) {
			log.warn("item {}: reservation lost before commit; its result is discarded", reservation.itemId());
			discardPending(outcome);
			return () -> {
			};
		}
		int chunks = 0;
		if (outcome instanceof IngestOutcome.Embedded embedded) {
			this.store.activate(reservation.item().documentNodeId(), reservation.token(), embedded.version());
			chunks = embedded.version().chunkCount();
		}
		int written = chunks;
		this.ingestionLog.appendOutcome(reservation.itemId(), reservation.jobExecutionId(), IngestionLog.Level.INFO,
				(outcome instanceof IngestOutcome.Embedded) ? "indexed" : "unchanged", chunks, message);
		return () -> this.stages.stored(reservation.itemId(), reservation.jobExecutionId(), began, written, message);
	}

	/** The item's own writes were rolled back; its failure is written in a transaction of its own. */
	private void refused(IngestOutcome outcome, RuntimeException failure) {
		Reservation reservation = outcome.reservation();
		String message = FailureMapping.messageFor(failure);
		log.warn("item {}: the database refused its result: {}", reservation.itemId(), message);
		discardPending(outcome);
		if (this.queue.finish(reservation, QueueStatus.FAILED, message)) {
			this.ingestionLog.appendOutcome(reservation.itemId(), reservation.jobExecutionId(), IngestionLog.Level.ERROR,
					QueueStatus.FAILED.dbValue(), null, QueueStatus.FAILED.dbValue() + ": " + message);
			this.stages.failed(reservation.itemId(), reservation.jobExecutionId(), QueueStatus.FAILED.dbValue(), message);
		}
	}

	/**
	 * A result that will not become active leaves nothing behind. Should the delete fail, the
	 * next run's recovery removes the version, which its row no longer owns.
	 */
	private void discardPending(IngestOutcome outcome) {
		if (outcome instanceof IngestOutcome.Embedded embedded && embedded.version().isWritten()) {
			try {
				this.pending.discard(embedded.version().id());
			}
			catch (RuntimeException ex) {
				if (FailureMapping.isDatabaseOutage(ex)) {
					throw ex;
				}
				log.warn("item {}: pending version {} left for the next run's recovery: {}",
						outcome.reservation().itemId(), embedded.version().id(), FailureMapping.messageFor(ex));
			}
		}
	}

	static String message(IngestOutcome outcome) {
		if (outcome instanceof IngestOutcome.Embedded embedded) {
			int reused = embedded.version().reused();
			return "indexed " + count(embedded.version().chunkCount(), "chunk")
					+ ((reused > 0) ? " (" + reused + " reused)" : "") + " from "
					+ count(embedded.version().pageCount(), "page");
		}
		IngestOutcome.Unchanged unchanged = (IngestOutcome.Unchanged) outcome;
		return "unchanged: content identical to the active version " + unchanged.active().id() + " ("
				+ unchanged.active().chunkCount() + " chunks); not embedded again";
	}

	/** "1 chunk", "3 chunks": messages are read by people. */
	static String count(int n, String noun) {
		return n + " " + noun + ((n == 1) ? "" : "s");
	}

}
