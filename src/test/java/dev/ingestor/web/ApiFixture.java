package dev.ingestor.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.ingestor.support.QueueFixture;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the intake API tests share: a real server on a random port (see {@link IntakeServer}),
 * the JDK's HTTP client, and tokens of two tenants. The server takes at most {@link #MAX_QUEUED}
 * queued rows and files of at most {@link #MAX_FILE_BYTES} bytes.
 */
interface ApiFixture {

	int MAX_QUEUED = 5;

	long MAX_FILE_BYTES = 64 * 1024;

	String USER = ApiClient.token("acme", "user");

	String ADMIN = ApiClient.token("acme", "admin");

	String OTHER_TENANT = ApiClient.token("globex", "user", "admin");

	ApiClient client();

	QueueFixture queue();

	JdbcClient jdbc();

	BatchStatus runJob() throws Exception;

	/** Storage outlives a test; its uploads must not. */
	@BeforeEach
	default void removeUploads() throws IOException {
		Path uploads = queue().storage().resolve("uploads");
		if (Files.exists(uploads)) {
			try (Stream<Path> paths = Files.walk(uploads)) {
				for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
	}

	/** UTF-8 bytes of a text file's content. */
	static byte[] text(String content) {
		return content.getBytes(StandardCharsets.UTF_8);
	}

	private Stream<Path> uploadedFilesStream() throws IOException {
		Path uploads = queue().storage().resolve("uploads");
		return Files.exists(uploads) ? Files.walk(uploads).filter(Files::isRegularFile) : Stream.empty();
	}

	/** Files under storage's uploads/ folder now. */
	default List<Path> uploadedFiles() throws IOException {
		try (Stream<Path> files = uploadedFilesStream()) {
			return files.toList();
		}
	}

}
