package dev.ingestor.source;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

import dev.ingestor.config.IngestProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Turns a manager-written {@code storage_path} into a file that provably lies under the
 * storage directory. Containment is decided on real paths, component by component
 * ({@link Path#startsWith(Path)}), never by string prefix, so {@code storage-evil/} and
 * symlinks out of storage are refused before anything is opened.
 */
@Component
public class StorageResolver {

	/** Longest storage_path accepted; the column holds 1024 and no filesystem wants more. */
	static final int MAX_PATH_LENGTH = 1024;

	private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]");

	private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:.*");

	private final Path storageDir;

	/** Bytes of a file copied for parsing; one more than the size limit, so that "over it" shows. */
	private final long copyLimit;

	@Autowired
	StorageResolver(IngestProperties properties) {
		this(properties.storageDir(), properties.maxFileBytes() + 1);
	}

	/** For tests of the containment rules alone, without a whole configuration. */
	StorageResolver(Path storageDir) {
		this(storageDir, Long.MAX_VALUE);
	}

	private StorageResolver(Path storageDir, long copyLimit) {
		this.storageDir = storageDir.toAbsolutePath().normalize();
		this.copyLimit = copyLimit;
	}

	/** The storage directory as configured, absolute. */
	public Path storageDir() {
		return this.storageDir;
	}

	/**
	 * Resolves and checks the file of one queue row, then opens it once and hashes it into a
	 * private copy (see {@link PrivateCopy}); every refusal is download_failed. The caller closes
	 * the result to delete the copy.
	 */
	public SourceFile resolve(long itemId, String storagePath) {
		Path real = realPathUnderStorage(itemId, storagePath);
		if (!Files.isRegularFile(real)) {
			throw new SourceUnavailableException(itemId, "not a regular file: " + storagePath);
		}
		if (!Files.isReadable(real)) {
			throw new SourceUnavailableException(itemId, "file is not readable: " + storagePath);
		}
		try {
			Path storage = storageRealPath();
			String name = real.getFileName().toString();
			int dot = name.lastIndexOf('.');
			return PrivateCopy.of(storage, storage.relativize(real), this.copyLimit, (dot < 0) ? "" : name.substring(dot));
		}
		catch (NoSuchFileException ex) {
			throw new SourceUnavailableException(itemId, "file not found in storage (removed after the check): "
					+ printable(storagePath), ex);
		}
		catch (AccessDeniedException ex) {
			throw new SourceUnavailableException(itemId, "file is not readable: " + printable(storagePath), ex);
		}
		catch (FileSystemException ex) {
			// O_NOFOLLOW met a link (ELOOP) or a directory became something else: the path was
			// changed between the check and the open, and nothing outside storage was read.
			throw new SourceUnavailableException(itemId, "path changed while it was being opened (a link or file was "
					+ "swapped in after the check), refused: " + printable(storagePath) + " (" + ex.getMessage() + ")", ex);
		}
		catch (IOException ex) {
			throw new SourceUnavailableException(itemId, "cannot read file " + storagePath + ": " + ex.getMessage(), ex);
		}
	}

	private Path realPathUnderStorage(long itemId, String storagePath) {
		String refusal = lexicalRefusal(storagePath);
		if (refusal != null) {
			throw new SourceUnavailableException(itemId, refusal);
		}
		Path candidate;
		try {
			candidate = this.storageDir.resolve(storagePath).normalize();
		}
		catch (InvalidPathException ex) {
			throw new SourceUnavailableException(itemId, "path is outside storage (invalid path): " + printable(storagePath));
		}
		if (!candidate.startsWith(this.storageDir)) {
			throw new SourceUnavailableException(itemId, "path is outside storage: " + printable(storagePath));
		}
		try {
			Path real = candidate.toRealPath();
			if (!real.startsWith(storageRealPath())) {
				throw new SourceUnavailableException(itemId,
						"path is outside storage (a link leads out of it): " + printable(storagePath));
			}
			return real;
		}
		catch (NoSuchFileException ex) {
			boolean danglingLink = Files.isSymbolicLink(candidate) || Files.exists(candidate, LinkOption.NOFOLLOW_LINKS);
			throw new SourceUnavailableException(itemId,
					(danglingLink ? "file link is broken: " : "file not found in storage: ") + printable(storagePath));
		}
		catch (IOException ex) {
			throw new SourceUnavailableException(itemId, "cannot access " + printable(storagePath) + ": " + ex.getMessage(), ex);
		}
	}

	/** Refusals decided on the text alone, so that such a path is never handed to the filesystem. */
	static String lexicalRefusal(String storagePath) {
		if (storagePath == null || storagePath.isBlank()) {
			return "storage_path is empty";
		}
		if (storagePath.length() > MAX_PATH_LENGTH) {
			return "storage_path is too long (" + storagePath.length() + " characters, limit " + MAX_PATH_LENGTH + ")";
		}
		if (storagePath.indexOf('\0') >= 0) {
			return "path is outside storage (contains a NUL character): " + printable(storagePath);
		}
		if (storagePath.startsWith("/") || storagePath.startsWith("\\") || WINDOWS_DRIVE.matcher(storagePath).matches()
				|| storagePath.startsWith("~")) {
			return "path is outside storage (absolute path): " + printable(storagePath);
		}
		for (String segment : SEPARATORS.split(storagePath)) {
			if (segment.equals("..")) {
				return "path is outside storage (contains '..'): " + printable(storagePath);
			}
		}
		return null;
	}

	private Path storageRealPath() throws IOException {
		return this.storageDir.toRealPath();
	}

	private static String printable(String path) {
		return path.replace("\0", "\\0");
	}

}
