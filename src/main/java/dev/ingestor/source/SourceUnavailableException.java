package dev.ingestor.source;

import dev.ingestor.IngestException;

/** The file behind a queue row cannot be had: missing, unreadable, or outside storage. */
public class SourceUnavailableException extends IngestException {

	SourceUnavailableException(long queueItemId, String message) {
		super(queueItemId, message);
	}

	SourceUnavailableException(long queueItemId, String message, Throwable cause) {
		super(queueItemId, message, cause);
	}

}
