package dev.ingestor.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone who can write in storage swaps a directory for a symlink out of it, over and over,
 * while a large file under that directory is resolved, hashed and handed to the parser: every
 * file handed over holds the inside bytes and the hash of those same bytes, or is refused.
 */
class StorageSwapTests {

	private static final int FILE_BYTES = 4 * 1024 * 1024;

	private static final int ATTEMPTS = 200;

	@TempDir
	Path root;

	@Test
	void aDirectorySwappedForASymlinkNeverLetsOutsideBytesInNorSplitsHashFromContent() throws Exception {
		Path storage = Files.createDirectories(this.root.resolve("storage"));
		Path docs = Files.createDirectories(storage.resolve("docs"));
		Path parked = storage.resolve("docs-parked");
		Path outside = Files.createDirectories(this.root.resolve("outside/docs"));
		String inside = write(docs.resolve("big.txt"), (byte) 'i');
		String secret = write(outside.resolve("big.txt"), (byte) 'o');
		AtomicBoolean stop = new AtomicBoolean();
		AtomicReference<Throwable> swapFailure = new AtomicReference<>();
		Thread swapper = new Thread(() -> {
			try {
				while (!stop.get()) {
					Files.move(docs, parked);
					Files.createSymbolicLink(docs, outside);
					linger(docs);
					Files.delete(docs);
					Files.move(parked, docs);
					linger(docs);
				}
			}
			catch (IOException ex) {
				swapFailure.set(ex);
			}
		}, "symlink-swapper");
		StorageResolver resolver = new StorageResolver(storage);
		int handedOver = 0;
		swapper.start();
		try {
			for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
				try (SourceFile file = resolver.resolve(7, "docs/big.txt")) {
					handedOver++;
					assertThat(file.contentHash()).as("hash of attempt %d", attempt).isEqualTo(inside).isNotEqualTo(secret);
					assertThat(sha256(file.path())).as("bytes the parser reads, attempt %d", attempt).isEqualTo(inside);
				}
				catch (SourceUnavailableException refused) {
					assertThat(refused.getMessage()).doesNotContain(this.root.resolve("outside").toString());
				}
			}
		}
		finally {
			stop.set(true);
			swapper.join();
		}
		assertThat(swapFailure.get()).as("the swapper ran to the end").isNull();
		try (SourceFile file = resolver.resolve(7, "docs/big.txt")) {
			assertThat(file.contentHash()).isEqualTo(inside);
			assertThat(sha256(file.path())).isEqualTo(inside);
		}
		System.err.println("StorageSwapTests: " + handedOver + " of " + ATTEMPTS + " attempts handed a file over");
	}

	/** Holds a state for a few hundred file-system calls, so that each state is met by the resolver. */
	private static void linger(Path docs) {
		for (int i = 0; i < 300; i++) {
			Files.exists(docs.resolve("big.txt"));
		}
	}

	private static String write(Path file, byte fill) throws IOException {
		byte[] bytes = new byte[FILE_BYTES];
		Arrays.fill(bytes, fill);
		Files.write(file, bytes);
		return sha256(file);
	}

	private static String sha256(Path file) throws IOException {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
			MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(digest.digest());
		}
	}

	private static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
