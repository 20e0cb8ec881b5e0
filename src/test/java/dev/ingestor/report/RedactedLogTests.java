package dev.ingestor.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Stack traces and JSON log lines hide credentials in URLs, like the message itself. */
class RedactedLogTests {

	private static final String PASSWORD = "s3cret-Pa55";

	private static final String URL = "http://alice:" + PASSWORD + "@ollama:11434/api/embed";

	private final LoggerContext context = new LoggerContext();

	RedactedLogTests() {
		// The encoder copies the MDC into each line; a bare context has no adapter for it.
		this.context.setMDCAdapter(new LogbackMDCAdapter());
	}

	@Test
	void stackTracesHideThePasswordOfAUrlInAnyCause() {
		RedactingThrowableConverter converter = new RedactingThrowableConverter();
		converter.setContext(this.context);
		converter.start();

		String trace = converter.convert(event(new IllegalStateException("embedding failed",
				new IOException("cannot reach " + URL))));

		assertThat(trace).contains("cannot reach http://***@ollama:11434/api/embed").doesNotContain(PASSWORD);
	}

	@Test
	void jsonLinesHideThePasswordInTheMessageAndTheStackTrace() throws Exception {
		// The customizer as application.properties names it: the wiring is what is tested.
		Properties application = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application.properties"));
		MockEnvironment environment = new MockEnvironment().withProperty("logging.structured.json.customizer",
				application.getProperty("logging.structured.json.customizer"));
		this.context.putObject(Environment.class.getName(), environment);
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(this.context);
		encoder.setFormat("ecs");
		encoder.start();

		String line = new String(encoder.encode(event(new IllegalStateException("cannot reach " + URL))),
				StandardCharsets.UTF_8);

		assertThat(line).startsWith("{").contains("http://***@ollama:11434/api/embed").doesNotContain(PASSWORD);
	}

	private LoggingEvent event(Throwable failure) {
		return new LoggingEvent("test", this.context.getLogger("test"), Level.WARN, "cannot reach {}", failure,
				new Object[] { URL });
	}

}
