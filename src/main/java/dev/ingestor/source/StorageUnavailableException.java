package dev.ingestor.source;

import dev.ingestor.IngestException;

/**
 * The storage directory itself is missing, unreadable or not mounted: an outage. The item in
 * hand ends {@code failed} with this cause and the run stops; the rows behind it stay queued.
 */
public class StorageUnavailableException extends IngestException {

	StorageUnavailableException(long queueItemId, String message) {
		super(queueItemId, message);
	}

}
