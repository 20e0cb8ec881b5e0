package dev.ingestor;

import dev.ingestor.cli.IngestCli;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Spring Boot entry point; the command line decides what runs, see {@link IngestCli}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RagIngestorApplication {

	public static void main(String[] args) {
		System.exit(IngestCli.execute(args));
	}

}
