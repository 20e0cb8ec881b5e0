package dev.ingestor;

import dev.ingestor.cli.IngestCli;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Spring Boot entry point; the command line decides what runs, see {@link IngestCli}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RagIngestorApplication {

	public static void main(String[] args) {
		String refusal = PathEncoding.refusal();
		if (refusal != null) {
			System.err.println(refusal);
			System.exit(PathEncoding.EXIT_CODE);
		}
		System.exit(IngestCli.execute(args));
	}

}
