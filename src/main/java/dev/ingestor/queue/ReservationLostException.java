package dev.ingestor.queue;

import dev.ingestor.IngestException;

/**
 * This run no longer holds the row (it was recovered as stale and may be reserved by another
 * run); the work done is dropped and the row is left to its new holder.
 */
public class ReservationLostException extends IngestException {

	public ReservationLostException(long queueItemId) {
		super(queueItemId, "reservation lost: the row was recovered or re-reserved by another run");
	}

}
