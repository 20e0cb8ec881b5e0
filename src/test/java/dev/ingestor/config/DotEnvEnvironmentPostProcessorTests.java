package dev.ingestor.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class DotEnvEnvironmentPostProcessorTests {

	@TempDir
	Path dir;

	@Test
	void dotEnvLinesBindLikeEnvironmentVariablesButRealVariablesWin() throws Exception {
		Files.writeString(this.dir.resolve(".env"), """
				# comment lines are ignored
				INGEST_STORAGE_DIR=/srv/storage
				INGEST_OLLAMA_URL=http://ollama:11434
				SPRING_DATASOURCE_URL=jdbc:mysql://db:3306/rag
				""");
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new MapPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("INGEST_OLLAMA_URL", "http://from-the-real-environment:11434")));

		DotEnvEnvironmentPostProcessor.addDotEnv(environment, this.dir);

		assertThat(environment.getProperty("ingest.storage-dir")).isEqualTo("/srv/storage");
		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:mysql://db:3306/rag");
		assertThat(environment.getProperty("INGEST_OLLAMA_URL")).isEqualTo("http://from-the-real-environment:11434");
	}

	@Test
	void missingDotEnvChangesNothing() {
		StandardEnvironment environment = new StandardEnvironment();
		int before = environment.getPropertySources().size();

		DotEnvEnvironmentPostProcessor.addDotEnv(environment, this.dir);

		assertThat(environment.getPropertySources().size()).isEqualTo(before);
	}

}
