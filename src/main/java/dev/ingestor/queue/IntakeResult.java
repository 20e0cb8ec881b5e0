package dev.ingestor.queue;

/** What an accepted upload or delete request led to. */
public sealed interface IntakeResult {

	long documentId();

	/** A new queue row; the caller polls it. */
	record Queued(long itemId, long documentId) implements IntakeResult {
	}

	/** The bytes equal the document's active version: nothing was queued. */
	record Unchanged(long documentId, long versionId) implements IntakeResult {
	}

}
