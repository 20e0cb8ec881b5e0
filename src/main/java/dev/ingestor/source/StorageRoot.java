package dev.ingestor.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import dev.ingestor.config.IngestProperties;

import org.springframework.stereotype.Component;

/**
 * Whether the storage directory itself is there: missing, not a directory, unreadable or empty
 * (a mount point whose volume is not mounted) is an outage of the whole storage, not a problem
 * of one document, so a missing file is only a document's fault while this says nothing.
 */
@Component
public class StorageRoot {

	private final Path dir;

	StorageRoot(IngestProperties properties) {
		this.dir = properties.storageDir().toAbsolutePath().normalize();
	}

	/** What is wrong with the storage directory, or empty when it can serve files. */
	public Optional<String> problem() {
		if (!Files.exists(this.dir)) {
			return Optional.of("storage directory " + this.dir + " does not exist (not mounted?)");
		}
		if (!Files.isDirectory(this.dir)) {
			return Optional.of("storage directory " + this.dir + " is not a directory");
		}
		if (!Files.isReadable(this.dir) || !Files.isExecutable(this.dir)) {
			return Optional.of("storage directory " + this.dir + " is not readable by this user");
		}
		try (Stream<Path> entries = Files.list(this.dir)) {
			if (entries.findAny().isEmpty()) {
				return Optional.of("storage directory " + this.dir + " is empty (not mounted?)");
			}
		}
		catch (IOException ex) {
			return Optional.of("storage directory " + this.dir + " cannot be listed: " + ex.getMessage());
		}
		return Optional.empty();
	}

	/** A document's missing file, re-read as the storage outage it really is, when it is one. */
	public Optional<StorageUnavailableException> outageBehind(long itemId) {
		return problem().map(problem -> new StorageUnavailableException(itemId, problem));
	}

}
