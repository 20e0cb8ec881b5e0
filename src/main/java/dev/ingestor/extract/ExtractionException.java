package dev.ingestor.extract;

import dev.ingestor.IngestException;

/** The file is there but holds no usable text: corrupt, encrypted, scanned or empty. */
public class ExtractionException extends IngestException {

	public ExtractionException(long queueItemId, String message) {
		super(queueItemId, message);
	}

	public ExtractionException(long queueItemId, String message, Throwable cause) {
		super(queueItemId, message, cause);
	}

}
