package dev.ingestor.embed;

import dev.ingestor.IngestException;

/** The embedding server refused the request (4xx, such as an unknown model); retrying cannot help. */
public class EmbeddingRejectedException extends IngestException {

	EmbeddingRejectedException(long queueItemId, String message, Throwable cause) {
		super(queueItemId, message, cause);
	}

}
