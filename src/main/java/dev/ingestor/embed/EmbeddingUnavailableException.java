package dev.ingestor.embed;

import dev.ingestor.IngestException;

/**
 * The embedding server could not be reached, timed out, or kept answering 429/5xx after every
 * retry. The item fails, and the run stops: the next items would fail the same way.
 */
public class EmbeddingUnavailableException extends IngestException {

	EmbeddingUnavailableException(long queueItemId, String message, Throwable cause) {
		super(queueItemId, message, cause);
	}

}
