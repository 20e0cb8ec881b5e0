package dev.ingestor.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Reads {@code .env} from the working directory as if its lines were environment variables.
 * Real environment variables win, so an operator can always override a checked-in file.
 */
public class DotEnvEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String SOURCE_NAME = "dotenvFile";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		addDotEnv(environment, Path.of("").toAbsolutePath());
	}

	static void addDotEnv(ConfigurableEnvironment environment, Path directory) {
		Map<String, Object> entries = read(directory);
		if (entries.isEmpty()) {
			return;
		}
		// A SystemEnvironmentPropertySource gives the file the same relaxed binding as real
		// variables: INGEST_STORAGE_DIR binds to ingest.storage-dir.
		environment.getPropertySources()
			.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(SOURCE_NAME, entries));
	}

	private static Map<String, Object> read(Path directory) {
		Dotenv dotenv = Dotenv.configure().directory(directory.toString()).ignoreIfMissing().load();
		Map<String, Object> entries = new LinkedHashMap<>();
		for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
			entries.put(entry.getKey(), entry.getValue());
		}
		return entries;
	}

}
