package dev.ingestor.queue;

/**
 * An upload or delete request that was refused before anything was queued; the reason decides
 * the HTTP status, the message tells the caller what to do about it.
 */
public class IntakeRejectedException extends RuntimeException {

	/** Why a request was refused. */
	public enum Reason {

		/** Over {@code INGEST_MAX_FILE_BYTES}. */
		TOO_LARGE,

		/** No extractor reads this type. */
		UNSUPPORTED_TYPE,

		/** The same content for the same document is already queued or processing. */
		IN_FLIGHT,

		/** {@code INGEST_MAX_QUEUED} rows are queued already. */
		SATURATED,

		/** No such document in the caller's tenant. */
		NOT_FOUND,

		/** The request itself is malformed (an empty file, no file name). */
		BAD_REQUEST

	}

	private final Reason reason;

	private final Long itemId;

	public IntakeRejectedException(Reason reason, String message) {
		this(reason, message, null);
	}

	/** @param itemId the queue row that already holds this content, for {@link Reason#IN_FLIGHT} */
	public IntakeRejectedException(Reason reason, String message, Long itemId) {
		super(message);
		this.reason = reason;
		this.itemId = itemId;
	}

	public Reason reason() {
		return this.reason;
	}

	/** The queue row already in flight with the same content, or null. */
	public Long itemId() {
		return this.itemId;
	}

}
