package dev.ingestor.job;

import java.util.Optional;

import dev.ingestor.embed.EmbeddingProbe;
import dev.ingestor.source.StorageRoot;

import org.springframework.stereotype.Component;

/** Before the daemon takes another row after an outage: is the storage there, does the embedding server serve? */
@Component
class OutageProbe {

	private final StorageRoot storage;

	private final EmbeddingProbe embedding;

	OutageProbe(StorageRoot storage, EmbeddingProbe embedding) {
		this.storage = storage;
		this.embedding = embedding;
	}

	/** The first outage still in force, or empty when a run may start. */
	Optional<String> problem() {
		Optional<String> storage = this.storage.problem();
		return storage.isPresent() ? storage : this.embedding.problem();
	}

}
