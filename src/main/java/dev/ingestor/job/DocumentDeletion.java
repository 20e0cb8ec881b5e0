package dev.ingestor.job;

import java.util.Optional;

import dev.ingestor.queue.IngestionLog;
import dev.ingestor.queue.QueueItem;
import dev.ingestor.queue.QueueRepository;
import dev.ingestor.queue.QueueStatus;
import dev.ingestor.queue.Reservation;
import dev.ingestor.store.VersionDeactivation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The job's branch for queue rows of kind {@code delete} (from {@code DELETE /v1/documents/{id}}
 * or a manager's INSERT): reserved like any row, then, in the chunk transaction, the document's
 * active version and its chunks are deactivated and the row ends {@code indexed}, "deleted".
 */
@Component
class DocumentDeletion {

	private static final Logger log = LoggerFactory.getLogger(DocumentDeletion.class);

	private final QueueRepository queue;

	private final VersionDeactivation versions;

	private final IngestionLog ingestionLog;

	DocumentDeletion(QueueRepository queue, VersionDeactivation versions, IngestionLog ingestionLog) {
		this.queue = queue;
		this.versions = versions;
		this.ingestionLog = ingestionLog;
	}

	/** Whether this row asks for a delete rather than an ingestion. */
	boolean handles(QueueItem item) {
		return item.isDelete();
	}

	/** The processor's part: reserve the row; null when someone else took it. */
	IngestOutcome.Deleted reserve(QueueItem item, long jobExecutionId) {
		Optional<Reservation> reservation = this.queue.reserve(item, jobExecutionId);
		if (reservation.isEmpty()) {
			log.info("item {} skipped: no longer queued", item.id());
			return null;
		}
		return new IngestOutcome.Deleted(reservation.get());
	}

	/** The writer's part, in the chunk transaction: end the row, deactivate, log. */
	void write(IngestOutcome.Deleted deleted) {
		Reservation reservation = deleted.reservation();
		// Takes turns with an ingestion of the same document committing now, and sees its version.
		this.versions.lockDocument(reservation.item().documentNodeId());
		Optional<VersionDeactivation.Active> active = this.versions.active(reservation.item().documentNodeId());
		String message = active.map(a -> "deleted: version " + a.versionId() + " and its "
				+ IngestItemWriter.count((int) a.chunks(), "chunk") + " deactivated")
			.orElse("deleted: the document had no active version");
		if (!this.queue.finish(reservation, QueueStatus.INDEXED, message)) {
			log.warn("item {}: reservation lost before commit; the delete is left to its new owner", reservation.itemId());
			return;
		}
		active.ifPresent(a -> this.versions.deactivate(a.versionId()));
		this.ingestionLog.appendOutcome(reservation.itemId(), reservation.jobExecutionId(), IngestionLog.Level.INFO,
				"deleted", 0, message);
		log.info("item {} {}", reservation.itemId(), message);
	}

}
