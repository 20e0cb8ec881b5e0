package dev.ingestor.job;

import dev.ingestor.embed.EmbeddedDocument;
import dev.ingestor.queue.Reservation;
import dev.ingestor.store.DocumentStore.ActiveVersion;

/** What the processor hands the writer for one reserved row. Failures never get here: they are skipped. */
sealed interface IngestOutcome {

	Reservation reservation();

	/** New content, embedded and ready to become the active version. */
	record Embedded(Reservation reservation, EmbeddedDocument document) implements IngestOutcome {
	}

	/** Same bytes as the active version: recorded as indexed, nothing embedded again. */
	record Unchanged(Reservation reservation, ActiveVersion active) implements IngestOutcome {
	}

	/** A delete request, reserved; {@link DocumentDeletion} writes it. */
	record Deleted(Reservation reservation) implements IngestOutcome {
	}

}
