package dev.ingestor.extract;

import dev.ingestor.IngestException;

/** A document is over one of the configured per-document limits; the message names the limit. */
public class LimitExceededException extends IngestException {

	LimitExceededException(long queueItemId, String message) {
		super(queueItemId, message);
	}

}
