package dev.ingestor.store;

import java.util.List;

import dev.ingestor.extract.DocumentMetadata;
import dev.ingestor.split.TextChunk;

/**
 * A document whose chunks all fit in one write batch, kept in memory until its outcome commits:
 * the commit then inserts it already active, so such a document costs one transaction, not a
 * pending version's and then its activation's. Most documents a manager queues (tickets, pages,
 * chat logs) are of this kind; the memory held is one write batch, as for any document.
 *
 * @param documentNodeId the document
 * @param queueItemId the row it was made for
 * @param reservationToken the reservation it was made under
 * @param model embedding model of the vectors
 * @param metadata title, author and the like
 * @param chunks every chunk of the document, in order
 * @param vectors their vectors, same order
 */
public record HeldVersion(long documentNodeId, long queueItemId, String reservationToken, String model,
		DocumentMetadata metadata, List<TextChunk> chunks, List<float[]> vectors) {

	/** The same version without its chunks and vectors, for what outlives its commit. */
	HeldVersion withoutData() {
		return new HeldVersion(this.documentNodeId, this.queueItemId, this.reservationToken, this.model, this.metadata,
				List.of(), List.of());
	}

}
