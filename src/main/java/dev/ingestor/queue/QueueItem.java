package dev.ingestor.queue;

/**
 * One queued row as the reader sees it, before anything is reserved.
 *
 * @param id the row's id
 * @param documentNodeId the document this row (re)ingests
 * @param storagePath path relative to the storage directory, as the manager wrote it
 * @param attempts interrupted attempts so far
 * @param kind {@code ingest} or {@code delete}, read with the row so that the processor needs no
 * query of its own to tell them apart
 */
public record QueueItem(long id, long documentNodeId, String storagePath, int attempts, String kind) {

	/** A row that asks for an ingestion. */
	public QueueItem(long id, long documentNodeId, String storagePath, int attempts) {
		this(id, documentNodeId, storagePath, attempts, Intake.INGEST);
	}

	/** Whether the row asks for its document to be deleted rather than ingested. */
	public boolean isDelete() {
		return Intake.DELETE.equals(this.kind);
	}

}
