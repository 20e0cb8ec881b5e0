package dev.ingestor.job;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

import dev.ingestor.IngestException;
import dev.ingestor.embed.EmbeddingUnavailableException;
import dev.ingestor.queue.QueueStatus;
import dev.ingestor.source.SourceUnavailableException;
import dev.ingestor.source.StorageUnavailableException;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * The one place that decides what a failure means: the row's status, whether it ends the item
 * at all, and whether it stops the run.
 */
final class FailureMapping {

	private FailureMapping() {
	}

	/**
	 * Item failures end the item, and so does the database refusing one item's data; a failure
	 * of the database itself fails the job and leaves rows for the restart.
	 */
	static boolean endsItem(Throwable failure) {
		return !isDatabaseOutage(failure);
	}

	/**
	 * The database, not the item, is the problem: no connection, a lost connection, a timeout,
	 * a lock conflict, a transaction that cannot begin or commit. Everything else the database
	 * says about one item's statement (a duplicate key, a value its column cannot hold) is about
	 * that item's data.
	 */
	static boolean isDatabaseOutage(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TransactionException || cause instanceof TransientDataAccessException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof RecoverableDataAccessException || cause instanceof SQLTransientException
					|| cause instanceof SQLRecoverableException || cause instanceof SQLNonTransientConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/** {@code download_failed} when the file could not be had, {@code failed} for everything else. */
	static QueueStatus statusFor(Throwable failure) {
		return (failure instanceof SourceUnavailableException) ? QueueStatus.DOWNLOAD_FAILED : QueueStatus.FAILED;
	}

	/** The operator-facing reason; unexpected exceptions say so and keep their type. */
	static String messageFor(Throwable failure) {
		if (failure instanceof IngestException) {
			return failure.getMessage();
		}
		if (failure instanceof DataAccessException data) {
			// The driver's own words ("Duplicate entry ...", "Incorrect string value ..."), not
			// Spring's wrapper, which repeats the whole statement.
			return "the database refused this document's data: " + data.getMostSpecificCause().getMessage();
		}
		return "internal error while ingesting: " + failure.getClass().getSimpleName() + ": " + failure.getMessage();
	}

	/** An outage (embedding server, storage directory) would fail every following item the same way. */
	static boolean stopsRun(Throwable failure) {
		return stopReason(failure) != null;
	}

	/** The job execution context's {@link FailureRecorder#STOP_REASON} for an outage, or null for none. */
	static String stopReason(Throwable failure) {
		if (failure instanceof EmbeddingUnavailableException) {
			return FailureRecorder.STOP_EMBEDDING_UNAVAILABLE;
		}
		if (failure instanceof StorageUnavailableException) {
			return FailureRecorder.STOP_STORAGE_UNAVAILABLE;
		}
		return null;
	}

}
