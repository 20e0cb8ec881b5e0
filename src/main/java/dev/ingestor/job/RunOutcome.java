package dev.ingestor.job;

/** How one launch of {@code ingestJob} ended, as the CLI maps it to an exit code. */
public enum RunOutcome {

	/** The job completed; items that failed are outcomes, not job failures. */
	COMPLETED,

	/** The job failed (for example the database went away); rows stay for the restart. */
	FAILED,

	/** Another run holds the lock; nothing was touched. */
	LOCKED,

	/** The embedding server was down: the item in hand failed, the rest stay queued. */
	EMBEDDING_UNAVAILABLE,

	/** Stopped by a signal; the execution is STOPPED and can be restarted. */
	STOPPED,

	/** {@code --restart} found no failed or stopped run. */
	NOTHING_TO_RESTART,

	/** The storage directory was missing or not mounted: the item in hand failed, the rest stay queued. */
	STORAGE_UNAVAILABLE

}
