package dev.ingestor.job;

import dev.ingestor.queue.Reservation;
import dev.ingestor.store.DocumentStore.ActiveVersion;
import dev.ingestor.store.PendingVersion;

/** What the processor hands the writer for one reserved row. Failures never get here: they are skipped. */
sealed interface IngestOutcome {

	Reservation reservation();

	/** What is left to know of this outcome once it is committed: its counts, not its data. */
	default IngestOutcome committed() {
		return this;
	}

	/** New content, embedded and written as a pending version, ready to become the active one. */
	record Embedded(Reservation reservation, PendingVersion version) implements IngestOutcome {

		@Override
		public IngestOutcome committed() {
			return new Embedded(this.reservation, this.version.committed());
		}

	}

	/** Same bytes as the active version: recorded as indexed, nothing embedded again. */
	record Unchanged(Reservation reservation, ActiveVersion active) implements IngestOutcome {
	}

	/** A delete request, reserved; {@link DocumentDeletion} writes it. */
	record Deleted(Reservation reservation) implements IngestOutcome {
	}

}
