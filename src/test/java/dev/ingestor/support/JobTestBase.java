package dev.ingestor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
 * What every job test shares whatever the database: a private storage directory, the real
 * schema, the in-process model, and an empty queue and job repository before each test.
 */
@SpringBootTest
@SpringBatchTest
abstract class JobTestBase {

	private static final Path STORAGE = newStorage();

	@Autowired
	protected JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	protected JobRepositoryTestUtils jobRepositoryTestUtils;

	@Autowired
	protected JdbcClient jdbc;

	protected QueueFixture queue;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
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
