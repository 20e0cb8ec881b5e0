package dev.ingestor.extract;

import dev.ingestor.IngestException;

/** No extractor reads this kind of file. */
public class UnsupportedDocumentException extends IngestException {

	UnsupportedDocumentException(long queueItemId, String message) {
		super(queueItemId, message);
	}

}
