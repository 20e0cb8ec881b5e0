package dev.ingestor.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Opens a checked file once, walking down from the storage directory one name at a time
 * without following any symbolic link ({@code openat} with {@code O_NOFOLLOW}, through
 * {@link SecureDirectoryStream}), and streams it into a private temp file while hashing it. A
 * directory swapped for a symlink after the containment check makes the open fail instead of
 * leading out of storage, and the parser later reads the very bytes that were hashed.
 */
final class PrivateCopy {

	private static final int BUFFER_BYTES = 64 * 1024;

	private static final LinkOption[] NO_FOLLOW = { LinkOption.NOFOLLOW_LINKS };

	private PrivateCopy() {
	}

	/**
	 * @param storage real path of the storage directory
	 * @param relative the file's real path relative to it, as checked
	 * @param copyLimit bytes copied at most (the rest is hashed only): a file over the size
	 * limit is refused later without being parsed, so copying all of it would only fill the disk
	 */
	static SourceFile of(Path storage, Path relative, long copyLimit, String suffix) throws IOException {
		try (DirectoryStream<Path> top = Files.newDirectoryStream(storage)) {
			if (!(top instanceof SecureDirectoryStream<Path> root)) {
				throw new IOException("this platform cannot open files relative to a directory without following links");
			}
			return copy(root, relative, copyLimit, storage.resolve(relative), suffix);
		}
	}

	private static SourceFile copy(SecureDirectoryStream<Path> dir, Path relative, long copyLimit, Path origin,
			String suffix) throws IOException {
		Path first = relative.getName(0);
		if (relative.getNameCount() > 1) {
			try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(first, NO_FOLLOW)) {
				return copy(sub, first.relativize(relative), copyLimit, origin, suffix);
			}
		}
		try (SeekableByteChannel in = dir.newByteChannel(first, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
			return hashAndCopy(in, copyLimit, origin, suffix);
		}
	}

	private static SourceFile hashAndCopy(SeekableByteChannel in, long copyLimit, Path origin, String suffix)
			throws IOException {
		MessageDigest digest = sha256();
		Path copy = Files.createTempFile("rag-ingestor-source-", suffix);
		long size = 0;
		try (OutputStream out = Files.newOutputStream(copy)) {
			ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				buffer.flip();
				digest.update(buffer.duplicate());
				if (size < copyLimit) {
					out.write(buffer.array(), 0, (int) Math.min(n, copyLimit - size));
				}
				size += n;
				buffer.clear();
			}
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(copy);
			throw ex;
		}
		return new SourceFile(copy, size, HexFormat.of().formatHex(digest.digest()), origin);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM ships SHA-256", ex);
		}
	}

}
