package dev.ingestor.job;

import dev.ingestor.IngestException;
import dev.ingestor.embed.EmbeddingUnavailableException;
import dev.ingestor.queue.QueueStatus;
import dev.ingestor.source.SourceUnavailableException;
import dev.ingestor.source.StorageUnavailableException;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * The one place that decides what a failure means: the row's status, whether it ends the item
 * at all, and whether it stops the run.
 */
final class FailureMapping {

	private FailureMapping() {
	}

	/** Item failures end the item; a database failure fails the job and leaves rows for the restart. */
	static boolean endsItem(Throwable failure) {
		return !(failure instanceof DataAccessException || failure instanceof TransactionException);
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
