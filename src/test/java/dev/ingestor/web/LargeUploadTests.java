package dev.ingestor.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import dev.ingestor.RagIngestorApplication;
import dev.ingestor.support.IngestProcess;
import dev.ingestor.web.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 500 MB upload to {@code bin/ingest serve} running in a child JVM capped at {@code -Xmx256m}:
 * the body is streamed to storage while it is hashed, never held in the heap, and the stored
 * file has exactly the bytes and the SHA-256 the client sent.
 */
class LargeUploadTests {

	private static final long SIZE = 500L * 1024 * 1024;

	@TempDir
	Path work;

	@Test
	void a500MegabyteUploadIsStreamedToStorageUnderA256MegabyteHeap() throws Exception {
		int port = freePort();
		Path log = this.work.resolve("serve.log");
		Path storage = this.work.resolve("storage");
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + this.work, "-cp",
				System.getProperty("java.class.path"), RagIngestorApplication.class.getName(), "serve", "--no-poller")
			.directory(this.work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(java.util.Map.of("INGEST_HTTP_PORT", Integer.toString(port), "INGEST_HTTP_ADDRESS",
				"127.0.0.1", "INGEST_MANAGEMENT_PORT", Integer.toString(freePort()), "INGEST_JWT_SECRET", ApiClient.SECRET,
				"INGEST_STORAGE_DIR", storage.toString(), "INGEST_MAX_FILE_BYTES", Long.toString(SIZE + 1),
				"SPRING_DATASOURCE_URL", "jdbc:h2:file:" + this.work.resolve("db") + ";MODE=MySQL"));
		Process serve = builder.start();
		try {
			awaitLine(serve, log, "serving the API on");
			MessageDigest sent = MessageDigest.getInstance("SHA-256");

			Response response = new ApiClient(port).upload(ApiClient.token("acme", "user"), "big.txt",
					() -> new DigestInputStream(new TextStream(SIZE), sent));

			assertThat(response.status()).as(Files.readString(log)).isEqualTo(202);
			assertThat(serve.isAlive()).as("no OutOfMemoryError").isTrue();
			List<Path> stored;
			try (Stream<Path> files = Files.walk(storage.resolve("uploads"))) {
				stored = files.filter(Files::isRegularFile).toList();
			}
			assertThat(stored).hasSize(1);
			assertThat(Files.size(stored.get(0))).isEqualTo(SIZE);
			assertThat(sha256(stored.get(0))).isEqualTo(HexFormat.of().formatHex(sent.digest()));
		}
		finally {
			serve.destroyForcibly();
			serve.waitFor();
		}
	}

	private static void awaitLine(Process process, Path log, String text) throws IOException {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (!Files.readString(log).contains(text)) {
			if (!process.isAlive() || Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("serve did not start:\n" + Files.readString(log));
			}
			IngestProcess.pause(50);
		}
	}

	private static String sha256(Path file) throws Exception {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(OutputStreamSink.INSTANCE);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** Discards what it is given. */
	private static final class OutputStreamSink extends java.io.OutputStream {

		static final OutputStreamSink INSTANCE = new OutputStreamSink();

		@Override
		public void write(int b) {
		}

		@Override
		public void write(byte[] b, int off, int len) {
		}

	}

	/** {@code size} bytes of numbered text lines, made on the fly: the test holds no 500 MB either. */
	private static final class TextStream extends InputStream {

		private final long size;

		private long position;

		private byte[] line = new byte[0];

		private int offset;

		private long lineNumber;

		TextStream(long size) {
			this.size = size;
		}

		@Override
		public int read() {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int off, int len) {
			if (this.position >= this.size) {
				return -1;
			}
			int n = 0;
			while (n < len && this.position < this.size) {
				if (this.offset == this.line.length) {
					this.line = ("line " + (this.lineNumber++) + " of a very large upload\n").getBytes(StandardCharsets.US_ASCII);
					this.offset = 0;
				}
				int take = (int) Math.min(Math.min(len - n, this.line.length - this.offset), this.size - this.position);
				System.arraycopy(this.line, this.offset, buffer, off + n, take);
				this.offset += take;
				this.position += take;
				n += take;
			}
			return n;
		}

	}

}
