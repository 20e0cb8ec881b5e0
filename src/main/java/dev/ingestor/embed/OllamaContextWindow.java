package dev.ingestor.embed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ingestor.Redaction;
import dev.ingestor.config.IngestProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How many tokens the configured Ollama model reads: {@code ingest.ollama.context-length} when
 * set, else what the server says at start-up in {@code POST /api/show} (the model's
 * {@code <architecture>.context_length}, lowered to a {@code num_ctx} parameter if the model
 * sets one). Ollama cuts longer inputs without a word, so the chunk size is checked against it.
 */
final class OllamaContextWindow {

	private static final Logger log = LoggerFactory.getLogger(OllamaContextWindow.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern NUM_CTX = Pattern.compile("(?m)^\\s*num_ctx\\s+(\\d+)\\s*$");

	private OllamaContextWindow() {
	}

	/**
	 * The window in tokens, or {@link Integer#MAX_VALUE} when neither configuration nor server
	 * can say (logged: the chunk size then goes unchecked).
	 */
	static int of(IngestProperties.Ollama ollama) {
		if (ollama.contextLength() > 0) {
			return ollama.contextLength();
		}
		String server = Redaction.redact(ollama.url());
		try {
			OptionalInt window = read(ollama);
			if (window.isPresent()) {
				log.info("Ollama model {} at {} reads {} tokens", ollama.model(), server, window.getAsInt());
				return window.getAsInt();
			}
			log.warn("Ollama at {} does not report the context length of model {}; the chunk size is not checked "
					+ "against it (set INGEST_OLLAMA_CONTEXT_LENGTH to check it)", server, ollama.model());
		}
		catch (IOException | JacksonException ex) {
			log.warn("cannot read the context length of Ollama model {} from {} ({}); the chunk size is not checked "
					+ "against it (set INGEST_OLLAMA_CONTEXT_LENGTH to check it)", ollama.model(), server, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Integer.MAX_VALUE;
	}

	static OptionalInt read(IngestProperties.Ollama ollama) throws IOException, InterruptedException {
		String url = ollama.url().replaceAll("/+$", "") + "/api/show";
		HttpClient client = HttpClient.newBuilder().connectTimeout(EmbeddingHealthIndicator.PROBE_TIMEOUT).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.timeout(EmbeddingHealthIndicator.PROBE_TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("model", ollama.model()))))
			.build();
		HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException("HTTP " + response.statusCode() + " from /api/show: " + response.body());
		}
		return parse(JSON.readTree(response.body()));
	}

	private static OptionalInt parse(JsonNode show) {
		OptionalInt window = OptionalInt.empty();
		for (Map.Entry<String, JsonNode> field : show.path("model_info").properties()) {
			if (field.getKey().endsWith(".context_length") && field.getValue().canConvertToInt()) {
				window = OptionalInt.of(field.getValue().asInt());
			}
		}
		Matcher numCtx = NUM_CTX.matcher(show.path("parameters").asString(""));
		if (numCtx.find()) {
			int configured = Integer.parseInt(numCtx.group(1));
			window = OptionalInt.of(window.isPresent() ? Math.min(window.getAsInt(), configured) : configured);
		}
		return window;
	}

}
