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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits each outcome in the chunk transaction: the row's terminal status first (fenced by the
 * reservation token), then the switch to its pending version (written by the processor) and
 * the log row. A row whose reservation was lost is
 * left untouched, and nothing is stored for it.
 *
 * <p>Each outcome is written under its own savepoint. When the database refuses one item's data
 * (a duplicate key, text the column's character set cannot hold), only that item is rolled back
 * and ended {@code failed} with the database's reason, and the chunk's other items still commit;
 * no exception reaches Spring Batch, so it never enters its scan mode. A failure of the database
 * itself ({@link FailureMapping#isDatabaseOutage}) is rethrown: the chunk rolls back, the job
 * fails, and nothing is marked.
 */
class IngestItemWriter implements ItemWriter<IngestOutcome> {

	private static final Logger log = LoggerFactory.getLogger(IngestItemWriter.class);

	private final QueueRepository queue;

	private final DocumentStore store;

	private final PendingVersions pending;

	private final IngestionLog ingestionLog;

	private final ItemStages stages;

	private final TransactionTemplate savepoint;

	private final DocumentDeletion deletion;

	IngestItemWriter(QueueRepository queue, DocumentStore store, PendingVersions pending, IngestionLog ingestionLog,
			ItemStages stages, PlatformTransactionManager transactionManager, DocumentDeletion deletion) {
		this.queue = queue;
		this.store = store;
		this.pending = pending;
		this.ingestionLog = ingestionLog;
		this.stages = stages;
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.deletion = deletion;
	}

	@Override
	public void write(Chunk<? extends IngestOutcome> outcomes) {
		for (IngestOutcome outcome : outcomes) {
			try {
				this.savepoint.executeWithoutResult(status -> write(outcome));
			}
			catch (RuntimeException ex) {
				if (FailureMapping.isDatabaseOutage(ex)) {
					throw ex;
				}
				refused(outcome, ex);
			}
		}
	}

	private void write(IngestOutcome outcome) {
		if (outcome instanceof IngestOutcome.Deleted deleted) {
			this.deletion.write(deleted);
			return;
		}
		Reservation reservation = outcome.reservation();
		Instant began = this.stages.now();
		String message = message(outcome);
		if (!this.queue.finish(reservation, QueueStatus.INDEXED, message)) {
			log.warn("item {}: reservation lost before commit; its result is discarded", reservation.itemId());
			discardPending(outcome);
			return;
		}
		int chunks = 0;
		if (outcome instanceof IngestOutcome.Embedded embedded) {
			this.store.activate(reservation.item().documentNodeId(), reservation.token(), embedded.version());
			chunks = embedded.version().chunkCount();
		}
		this.ingestionLog.appendOutcome(reservation.itemId(), reservation.jobExecutionId(), IngestionLog.Level.INFO,
				(outcome instanceof IngestOutcome.Embedded) ? "indexed" : "unchanged", chunks, message);
		this.stages.stored(reservation.itemId(), reservation.jobExecutionId(), began, chunks, message);
	}

	/**
	 * The item's own writes are rolled back to its savepoint; its failure is written in the
	 * chunk transaction (not a new one: InnoDB keeps the rolled-back update's row lock until the
	 * chunk ends, and a second transaction would wait on it).
	 */
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
	 * A result that will not become active leaves nothing behind. In the chunk transaction (a new
	 * one would wait on the row locks of a rolled-back activation); should the delete fail, the
	 * next run's recovery removes the version, which its row no longer owns.
	 */
	private void discardPending(IngestOutcome outcome) {
		if (outcome instanceof IngestOutcome.Embedded embedded) {
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
