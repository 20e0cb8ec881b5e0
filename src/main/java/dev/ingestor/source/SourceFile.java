package dev.ingestor.source;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A file that was proven to lie under storage, with what later stages need to know about it.
 *
 * @param path real path (symlinks followed) of the file to open
 * @param size its size in bytes
 * @param contentHash hex SHA-256 of its bytes, for version deduplication
 */
public record SourceFile(Path path, long size, String contentHash) {

	/** Lower-case extension without the dot, or "" when the name has none. */
	public String extension() {
		String name = this.path.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return (dot < 0) ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

}
