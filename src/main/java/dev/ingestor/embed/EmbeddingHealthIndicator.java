package dev.ingestor.embed;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.ingestor.Redaction;
import dev.ingestor.config.IngestProperties;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code embedding}: for Ollama, whether the server answers
 * {@code GET /api/version} and has the configured model; the in-process model is always up.
 */
@Component
class EmbeddingHealthIndicator extends AbstractHealthIndicator {

	/** A health probe must answer fast, whatever the embedding timeout is. */
	static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

	private final IngestProperties properties;

	private final EmbeddingModelSpec model;

	private final EmbeddingProbe probe;

	EmbeddingHealthIndicator(IngestProperties properties, EmbeddingModelSpec model, EmbeddingProbe probe) {
		super("embedding server health check failed");
		this.properties = properties;
		this.model = model;
		this.probe = probe;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		builder.withDetail("model", this.model.name());
		if (this.properties.embedding() == IngestProperties.EmbeddingProvider.LOCAL) {
			builder.up().withDetail("server", "none: in-process model");
			return;
		}
		String url = this.properties.ollama().url().replaceAll("/+$", "");
		builder.withDetail("url", Redaction.redact(url));
		HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/version")).timeout(PROBE_TIMEOUT).GET().build();
		HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
		builder.withDetail("httpStatus", response.statusCode());
		if (response.statusCode() == 200) {
			builder.up().withDetail("version", response.body());
			// Up but without the model is an outage too: every document would fail.
			this.probe.problem().ifPresent(problem -> builder.down().withDetail("problem", problem));
		}
		else {
			builder.down();
		}
	}

}
