package dev.ingestor.support;

import org.junit.jupiter.api.AfterAll;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Job tests against the machine's real MySQL server (MariaDB here), in a database created for
 * the test class, with the same sql/ schema that H2 runs.
 */
@DirtiesContext
public abstract class MySqlJobTestBase extends JobTestBase {

	private static MySqlDatabase database;

	@DynamicPropertySource
	static void mysql(DynamicPropertyRegistry registry) {
		database = MySqlDatabase.create("it");
		registry.add("spring.datasource.url", database::url);
		registry.add("spring.datasource.username", database::user);
		registry.add("spring.datasource.password", database::password);
	}

	@AfterAll
	static void dropDatabase() throws Exception {
		if (database != null) {
			database.close();
		}
	}

}
