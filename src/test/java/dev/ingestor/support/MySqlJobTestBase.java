package dev.ingestor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Job tests against the machine's real MySQL server (MariaDB here), in a database created for
 * the test class, with the same sql/ schema that H2 runs.
 */
@SpringBootTest
@SpringBatchTest
@DirtiesContext
public abstract class MySqlJobTestBase {

	private static MySqlDatabase database;

	private static final Path STORAGE = newStorage();

	@Autowired
	protected JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	protected JobRepositoryTestUtils jobRepositoryTestUtils;

	@Autowired
	protected JdbcClient jdbc;

	protected QueueFixture queue;

	@DynamicPropertySource
	static void mysql(DynamicPropertyRegistry registry) {
		database = MySqlDatabase.create("it");
		registry.add("spring.datasource.url", database::url);
		registry.add("spring.datasource.username", database::user);
		registry.add("spring.datasource.password", database::password);
		registry.add("ingest.storage-dir", STORAGE::toString);
	}

	@AfterAll
	static void dropDatabase() throws Exception {
		if (database != null) {
			database.close();
		}
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
