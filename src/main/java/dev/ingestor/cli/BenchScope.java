package dev.ingestor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * For {@code bench}: system properties for one Spring context (database, storage, provider),
 * put back as they were when it closes, so that the next context of the same run is configured
 * afresh.
 */
final class BenchScope implements AutoCloseable {

	private final Map<String, String> previous = new HashMap<>();

	private BenchScope(Map<String, String> properties) {
		properties.forEach((name, value) -> this.previous.put(name, System.setProperty(name, value)));
	}

	static BenchScope with(Map<String, String> properties, Path storage) throws IOException {
		Files.createDirectories(storage);
		return new BenchScope(properties);
	}

	@Override
	public void close() {
		this.previous.forEach((name, value) -> {
			if (value == null) {
				System.clearProperty(name);
			}
			else {
				System.setProperty(name, value);
			}
		});
	}

}
