package dev.ingestor.job;

import java.time.Instant;

import dev.ingestor.queue.IngestionLog;
import dev.ingestor.queue.QueueRepository;
import dev.ingestor.queue.QueueStatus;
import dev.ingestor.queue.Reservation;
import dev.ingestor.report.ItemStages;
import dev.ingestor.store.DocumentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Commits each outcome in the chunk transaction: the row's terminal status first (fenced by the
 * reservation token), then the version, chunks and log row. A row whose reservation was lost is
 * left untouched, and nothing is stored for it.
 */
class IngestItemWriter implements ItemWriter<IngestOutcome> {

	private static final Logger log = LoggerFactory.getLogger(IngestItemWriter.class);

	private final QueueRepository queue;

	private final DocumentStore store;

	private final IngestionLog ingestionLog;

	private final ItemStages stages;

	private final DocumentDeletion deletion;

	IngestItemWriter(QueueRepository queue, DocumentStore store, IngestionLog ingestionLog, ItemStages stages,
			DocumentDeletion deletion) {
		this.queue = queue;
		this.store = store;
		this.ingestionLog = ingestionLog;
		this.stages = stages;
		this.deletion = deletion;
	}

	@Override
	public void write(Chunk<? extends IngestOutcome> outcomes) {
		for (IngestOutcome outcome : outcomes) {
			if (outcome instanceof IngestOutcome.Deleted deleted) {
				this.deletion.write(deleted);
				continue;
			}
			Reservation reservation = outcome.reservation();
			Instant began = this.stages.now();
			String message = message(outcome);
			if (!this.queue.finish(reservation, QueueStatus.INDEXED, message)) {
				log.warn("item {}: reservation lost before commit; its result is discarded", reservation.itemId());
				continue;
			}
			int chunks = 0;
			if (outcome instanceof IngestOutcome.Embedded embedded) {
				this.store.storeNewVersion(reservation.item().documentNodeId(), reservation.itemId(), embedded.document());
				chunks = embedded.document().chunks().size();
			}
			this.ingestionLog.appendOutcome(reservation.itemId(), reservation.jobExecutionId(), IngestionLog.Level.INFO,
					(outcome instanceof IngestOutcome.Embedded) ? "indexed" : "unchanged", chunks, message);
			this.stages.stored(reservation.itemId(), reservation.jobExecutionId(), began, chunks, message);
		}
	}

	static String message(IngestOutcome outcome) {
		if (outcome instanceof IngestOutcome.Embedded embedded) {
			return "indexed " + count(embedded.document().chunks().size(), "chunk") + " from "
					+ count(embedded.document().pageCount(), "page");
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
