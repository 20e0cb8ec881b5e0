package dev.ingestor.queue;

/**
 * Proof that this run holds a queue row: every later write is conditional on the token, so a
 * run that lost the row (recovered as stale, reserved again) can never overwrite the new holder.
 *
 * @param item the reserved row
 * @param token random fencing token written with the reservation
 * @param jobExecutionId the run that holds it
 */
public record Reservation(QueueItem item, String token, long jobExecutionId) {

	public long itemId() {
		return this.item.id();
	}

}
