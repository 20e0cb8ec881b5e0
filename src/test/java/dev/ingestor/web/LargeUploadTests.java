package dev.ingestor.web;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.ingestor.web.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/ingest serve} as a real child process: a 500 MB upload under {@code -Xmx256m} is
 * streamed to storage while it is hashed, never held in the heap, and the stored file has exactly
 * the bytes and the SHA-256 the client sent; without keys, serve refuses to start.
 */
class LargeUploadTests {

	private static final long SIZE = 500L * 1024 * 1024;

	@TempDir
	Path work;

	@Test
	void a500MegabyteUploadIsStreamedToStorageUnderA256MegabyteHeap() throws Exception {
		try (ServeChild serve = ServeChild.start(this.work, "-Xmx256m", Map.of("INGEST_JWT_SECRET", ApiClient.SECRET,
				"INGEST_MAX_FILE_BYTES", Long.toString(SIZE + 1)), "--no-poller")) {
			serve.awaitServing();
			MessageDigest sent = MessageDigest.getInstance("SHA-256");

			Response response = new ApiClient(serve.port).upload(ApiClient.token("acme", "user"), "big.txt",
					() -> new DigestInputStream(new TextStream(SIZE), sent));

			assertThat(response.status()).as(serve.output()).isEqualTo(202);
			assertThat(serve.isAlive()).as("no OutOfMemoryError").isTrue();
			List<Path> stored;
			try (Stream<Path> files = Files.walk(this.work.resolve("storage").resolve("uploads"))) {
				stored = files.filter(Files::isRegularFile).toList();
			}
			assertThat(stored).hasSize(1);
			assertThat(Files.size(stored.get(0))).isEqualTo(SIZE);
			assertThat(sha256(stored.get(0))).isEqualTo(HexFormat.of().formatHex(sent.digest()));
		}
	}

	@Test
	void withoutKeysServeRefusesToStartAndSaysWhatToSet() throws Exception {
		try (ServeChild serve = ServeChild.start(this.work, "-Xmx256m", Map.of())) {
			assertThat(serve.awaitExit()).isEqualTo(1);
			assertThat(serve.output()).contains("ingest serve failed")
				.contains("set INGEST_JWT_SECRET (HS256), INGEST_JWT_JWKS_URI or INGEST_JWT_ISSUER_URI; or INGEST_AUTH=none")
				.doesNotContain("serving the API");
		}
	}

	private static String sha256(Path file) throws Exception {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(OutputStreamSink.INSTANCE);
		}
		return HexFormat.of().formatHex(digest.digest());
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
