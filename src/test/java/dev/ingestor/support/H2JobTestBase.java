package dev.ingestor.support;

import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Job tests on H2 in MySQL mode, one in-memory database per test class. */
public abstract class H2JobTestBase extends JobTestBase {

	@DynamicPropertySource
	static void h2(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url",
				() -> "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=MySQL;DB_CLOSE_DELAY=-1");
	}

}
