package dev.ingestor.embed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import dev.ingestor.Redaction;
import dev.ingestor.config.IngestProperties;

import org.springframework.stereotype.Component;

/**
 * Asks the embedding server, cheaply, whether it could embed right now: it answers, and it has
 * the configured model ({@code POST /api/show}). The in-process model always can.
 */
@Component
public class EmbeddingProbe {

	/** A probe must answer fast, whatever the embedding timeout is. */
	static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final IngestProperties properties;

	EmbeddingProbe(IngestProperties properties) {
		this.properties = properties;
	}

	/** What keeps the server from embedding, or empty when it can. */
	public Optional<String> problem() {
		if (this.properties.embedding() == IngestProperties.EmbeddingProvider.LOCAL) {
			return Optional.empty();
		}
		String url = this.properties.ollama().url().replaceAll("/+$", "");
		String model = this.properties.ollama().model();
		// What people read (health details, logs) never carries the URL's credentials.
		String shown = Redaction.redact(url);
		HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/show"))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model.replace("\"", "") + "\"}"))
			.build();
		try {
			int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status == 404) {
				return Optional.of("the embedding server (" + shown + ") has no model '" + model + "'");
			}
			return (status == 200) ? Optional.empty()
					: Optional.of("the embedding server (" + shown + ") answered HTTP " + status);
		}
		catch (IOException ex) {
			return Optional.of("cannot reach the embedding server (" + shown + "): " + Embedder.describe(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.of("interrupted while probing the embedding server (" + shown + ")");
		}
	}

}
