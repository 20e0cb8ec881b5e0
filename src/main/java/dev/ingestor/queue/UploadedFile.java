package dev.ingestor.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.ingestor.queue.IntakeRejectedException.Reason;

/**
 * An upload written under storage while its SHA-256 is computed, through a small buffer: the
 * body is never held whole in memory, whatever its size.
 *
 * @param path where the bytes now lie
 * @param size how many there are
 * @param contentHash hex SHA-256 of them, as the job computes it for deduplication
 */
record UploadedFile(Path path, long size, String contentHash) {

	private static final int BUFFER = 64 * 1024;

	/** Streams {@code body} into {@code target}; over {@code maxBytes} the partial file is removed and the upload refused. */
	static UploadedFile write(InputStream body, Path target, long maxBytes) throws IOException {
		MessageDigest digest = sha256();
		long size = 0;
		Files.createDirectories(target.getParent());
		try (OutputStream out = Files.newOutputStream(target)) {
			byte[] buffer = new byte[BUFFER];
			for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
				size += n;
				if (size > maxBytes) {
					throw new IntakeRejectedException(Reason.TOO_LARGE,
							"the file is over the size limit of " + maxBytes + " bytes (INGEST_MAX_FILE_BYTES)");
				}
				digest.update(buffer, 0, n);
				out.write(buffer, 0, n);
			}
		}
		catch (IOException | RuntimeException ex) {
			removeQuietly(target, ex);
			throw ex;
		}
		return new UploadedFile(target, size, HexFormat.of().formatHex(digest.digest()));
	}

	/** Removes the file and the folder made for it, so a rejected upload leaves nothing behind. */
	void remove() throws IOException {
		Files.deleteIfExists(this.path);
		Files.deleteIfExists(this.path.getParent());
	}

	private static void removeQuietly(Path target, Exception cause) {
		try {
			Files.deleteIfExists(target);
			Files.deleteIfExists(target.getParent());
		}
		catch (IOException ex) {
			cause.addSuppressed(ex);
		}
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
