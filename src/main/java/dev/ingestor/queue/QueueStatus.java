package dev.ingestor.queue;

import java.util.Locale;

/** The lifecycle of a queue row: {@code queued → processing → indexed | failed | download_failed}. */
public enum QueueStatus {

	QUEUED, PROCESSING, INDEXED, FAILED, DOWNLOAD_FAILED;

	/** The value stored in {@code ingestion_queue_item.status}. */
	public String dbValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
