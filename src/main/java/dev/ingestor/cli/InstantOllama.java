package dev.ingestor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For {@code bench}: an in-process HTTP server on a loopback port that speaks Ollama's
 * {@code POST /api/embed} and answers at once with a vector per input (derived from the text's
 * hash, so equal texts embed equally), to measure our own cost without a model's. With a latency
 * ({@code scale-bench}), each request first waits that long, as a remote model server would.
 */
final class InstantOllama implements AutoCloseable {

	static final int DIMENSION = 768;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	/** Enough threads that requests waiting out the latency never queue behind each other. */
	private final ExecutorService threads = Executors.newFixedThreadPool(64);

	private final Duration latency;

	private InstantOllama(HttpServer server, Duration latency) {
		this.server = server;
		this.latency = latency;
	}

	static InstantOllama start() throws IOException {
		return start(Duration.ZERO);
	}

	static InstantOllama start(Duration latency) throws IOException {
		// The JDK server writes a response's headers and body apart and, with Nagle's algorithm on,
		// holds the body's tail until the client acknowledges the headers, which Linux delays by
		// up to 40 ms: every request would wait 40 ms that Ollama (Go, TCP_NODELAY) never makes it
		// wait. Read once, when the server's configuration class loads.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
		InstantOllama ollama = new InstantOllama(server, latency);
		server.createContext("/api/embed", ollama::embed);
		server.setExecutor(ollama.threads);
		server.start();
		return ollama;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void embed(HttpExchange exchange) throws IOException {
		if (!this.latency.isZero()) {
			try {
				Thread.sleep(this.latency.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted", ex);
			}
		}
		JsonNode request;
		try (InputStream body = exchange.getRequestBody()) {
			request = JSON.readTree(body);
		}
		JsonNode input = request.path("input");
		StringBuilder answer = new StringBuilder(64 + input.size() * DIMENSION * 8);
		answer.append("{\"model\":").append(request.path("model").toString()).append(",\"embeddings\":[");
		for (int i = 0; i < input.size(); i++) {
			answer.append((i == 0) ? "[" : ",[");
			int seed = input.get(i).asString("").hashCode();
			for (int d = 0; d < DIMENSION; d++) {
				seed = seed * 1103515245 + 12345;
				answer.append((d == 0) ? "" : ",").append((seed >> 16) / 32768.0f);
			}
			answer.append(']');
		}
		byte[] bytes = answer.append("]}").toString().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

}
