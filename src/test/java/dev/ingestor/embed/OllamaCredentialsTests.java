package dev.ingestor.embed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.ingestor.config.IngestProperties;
import dev.ingestor.job.IngestRunner;
import dev.ingestor.report.RedactingMessageConverter;
import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.support.OllamaStub;
import dev.ingestor.support.QueueFixture.Row;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Ollama URL that carries {@code user:password@}: the password appears in no rag_message,
 * no ingestion_log row, no health detail and no log line.
 */
class OllamaCredentialsTests extends H2JobTestBase {

	private static final String PASSWORD = "s3cret-Pa55";

	@Autowired
	IngestRunner runner;

	@DynamicPropertySource
	static void urlWithCredentials(DynamicPropertyRegistry registry) {
		registry.add("ingest.embedding", () -> "ollama");
		registry.add("ingest.ollama.url", () -> "http://alice:" + PASSWORD + "@127.0.0.1:" + closedPort());
		registry.add("ingest.ollama.context-length", () -> "2048");
		registry.add("ingest.retry.max-attempts", () -> "2");
		registry.add("ingest.retry.initial-delay", () -> "10ms");
		registry.add("ingest.retry.max-delay", () -> "20ms");
		registry.add("ingest.retry.jitter", () -> "5ms");
	}

	@Test
	void failedItemNamesTheServerWithoutItsPassword() throws Exception {
		long item = this.queue.queueNew(this.queue.writeText("q/1.txt", "a document"));

		this.runner.runOnce();

		Row failed = this.queue.row(item);
		assertThat(failed.status()).isEqualTo("failed");
		assertThat(failed.ragMessage()).contains("http://***@127.0.0.1:").doesNotContain(PASSWORD).doesNotContain("alice");
		assertThat(this.queue.logMessages(item)).isNotEmpty()
			.allSatisfy(message -> assertThat(message).doesNotContain(PASSWORD));
	}

	@Test
	void healthShowsTheServerWithoutItsPassword() throws Exception {
		try (OllamaStub ollama = OllamaStub.start()) {
			String url = ollama.url().replace("http://", "http://alice:" + PASSWORD + "@");
			IngestProperties properties = new Binder(new MapConfigurationPropertySource(
					Map.of("ingest.embedding", "ollama", "ingest.ollama.url", url)))
				.bindOrCreate("ingest", IngestProperties.class);

			Health health = new EmbeddingHealthIndicator(properties, new EmbeddingModelSpec("ollama:x", 2048),
					new EmbeddingProbe(properties)).health();

			assertThat(health.getDetails().get("url")).isEqualTo(ollama.url().replace("http://", "http://***@"));
			assertThat(health.toString()).doesNotContain(PASSWORD);
		}
	}

	@Test
	void logLinesQuotingTheUrlHideThePassword() {
		LoggerContext context = new LoggerContext();
		LoggingEvent event = new LoggingEvent("test", context.getLogger("test"), Level.WARN,
				"cannot reach {}", null, new Object[] { "http://alice:" + PASSWORD + "@ollama:11434/api/embed" });
		RedactingMessageConverter converter = new RedactingMessageConverter();

		assertThat(converter.convert(event)).isEqualTo("cannot reach http://***@ollama:11434/api/embed");
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
