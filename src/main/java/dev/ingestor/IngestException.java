package dev.ingestor;

/**
 * Root of every failure that ends a single queue item; subclasses say which kind, and
 * {@code job.FailureMapping} turns the kind into the row's terminal status.
 */
public abstract class IngestException extends RuntimeException {

	private final long queueItemId;

	// Messages end up in rag_message, ingestion_log and the logs: a quoted URL loses its credentials here.
	protected IngestException(long queueItemId, String message) {
		super(Redaction.redact(message));
		this.queueItemId = queueItemId;
	}

	protected IngestException(long queueItemId, String message, Throwable cause) {
		super(Redaction.redact(message), cause);
		this.queueItemId = queueItemId;
	}

	/** The queue row this failure belongs to, so a log line always names its item. */
	public long queueItemId() {
		return this.queueItemId;
	}

}
