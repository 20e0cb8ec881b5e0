package dev.ingestor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Job tests on H2 in MySQL mode with the real schema from sql/, a private storage directory
 * and the in-process embedding model. One in-memory database per test class.
 */
@SpringBootTest
@SpringBatchTest
public abstract class H2JobTestBase {

	private static final Path STORAGE = newStorage();

	@Autowired
	protected JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	protected JobRepositoryTestUtils jobRepositoryTestUtils;

	@Autowired
	protected JdbcClient jdbc;

	protected QueueFixture queue;

	@DynamicPropertySource
	static void h2(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url",
				() -> "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=MySQL;DB_CLOSE_DELAY=-1");
		registry.add("ingest.storage-dir", STORAGE::toString);
	}

	@BeforeEach
	void cleanQueue() {
		this.queue = new QueueFixture(this.jdbc, STORAGE);
		this.queue.clear();
		this.jobRepositoryTestUtils.removeJobExecutions();
	}

	private static Path newStorage() {
		try {
			return Files.createTempDirectory("ingest-storage");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
