package dev.ingestor.cli;

import dev.ingestor.job.RunOutcome;

/** The exit codes of {@code bin/ingest}, documented in the README; each outcome has its own. */
final class ExitCodes {

	/** Success; items that failed are outcomes and still exit 0. */
	static final int OK = 0;

	/** The job failed, e.g. the database was unavailable; nothing was lost, run --restart. */
	static final int JOB_FAILED = 1;

	/** Bad command line or arguments. */
	static final int USAGE = 2;

	/** Skipped: another run holds the lock. */
	static final int LOCKED = 3;

	/** Stopped early: the embedding server is unavailable; remaining rows stay queued. */
	static final int EMBEDDING_UNAVAILABLE = 4;

	/** Stopped before the end (signal); the execution is STOPPED and restartable. */
	static final int STOPPED = 5;

	/** Stopped early: the storage directory is missing or not mounted; remaining rows stay queued. */
	static final int STORAGE_UNAVAILABLE = 6;

	private ExitCodes() {
	}

	static int of(RunOutcome outcome) {
		return switch (outcome) {
			case COMPLETED, NOTHING_TO_RESTART -> OK;
			case FAILED -> JOB_FAILED;
			case LOCKED -> LOCKED;
			case EMBEDDING_UNAVAILABLE -> EMBEDDING_UNAVAILABLE;
			case STOPPED -> STOPPED;
			case STORAGE_UNAVAILABLE -> STORAGE_UNAVAILABLE;
		};
	}

}
