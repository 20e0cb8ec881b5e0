package dev.ingestor.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A file that was proven to lie under storage, with what later stages need to know about it.
 * Parsers read {@link #path()}: a private copy of exactly the bytes that were hashed, so that
 * whatever happens in storage afterwards (a swapped symlink, a rewrite) cannot reach them.
 * {@link #close()} deletes that copy.
 *
 * @param path the file to parse: the private copy, or for tests the file itself
 * @param size its size in bytes, as read through the opened file
 * @param contentHash hex SHA-256 of its bytes, for version deduplication
 * @param origin real path (symlinks followed) of the file in storage, for names and messages
 */
public record SourceFile(Path path, long size, String contentHash, Path origin) implements AutoCloseable {

	/** A file read in place, without a private copy; closing it deletes nothing. */
	public SourceFile(Path path, long size, String contentHash) {
		this(path, size, contentHash, path);
	}

	/** Lower-case extension without the dot, or "" when the name has none. */
	public String extension() {
		String name = this.origin.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return (dot < 0) ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	/** Deletes the private copy, if this is one. */
	@Override
	public void close() {
		if (!this.path.equals(this.origin)) {
			try {
				Files.deleteIfExists(this.path);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot delete the private copy " + this.path + " of " + this.origin, ex);
			}
		}
	}

}
