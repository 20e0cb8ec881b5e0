package dev.ingestor.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real HTTP server on a loopback port that speaks Ollama's {@code POST /api/embed}: it
 * answers {@code {"model":..,"embeddings":[[..],..]}} with deterministic vectors derived from
 * each input's text, so equal texts embed equally and different texts differently. Tests can
 * script failing answers (status and body) ahead of the successful ones, slow every answer
 * down, and read back every call it received.
 */
public final class OllamaStub implements AutoCloseable {

	/** Dimension of the vectors it returns (nomic-embed-text's). */
	public static final int DIMENSION = 768;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final Queue<Answer> scripted = new ConcurrentLinkedQueue<>();

	private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

	private volatile Answer always;

	private volatile Duration delay = Duration.ZERO;

	private volatile boolean modelMissing;

	private volatile int contextLength = 2048;

	private volatile Consumer<Call> afterAnswer = call -> {
	};

	private volatile Consumer<Call> beforeAnswer = call -> {
	};

	private OllamaStub(HttpServer server) {
		this.server = server;
	}

	/** Starts on a free loopback port. */
	public static OllamaStub start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		OllamaStub stub = new OllamaStub(server);
		server.createContext("/api/embed", stub::handle);
		// What the health check probes: a real Ollama answers {"version":"0.x.y"}.
		server.createContext("/api/version", exchange -> {
			try (exchange) {
				send(exchange, 200, "{\"version\":\"0.0.0-stub\"}");
			}
		});
		// What start-up asks for the model's window (a real Ollama answers model_info with
		// "<architecture>.context_length"; nomic-embed-text: nomic-bert, 2048), and what the outage
		// probe asks: does the server have the model? 404 once told it has none.
		server.createContext("/api/show", exchange -> {
			try (exchange) {
				exchange.getRequestBody().readAllBytes();
				if (stub.modelMissing) {
					send(exchange, 404, "{\"error\":\"model not found\"}");
				}
				else {
					send(exchange, 200, "{\"model_info\":{\"general.architecture\":\"nomic-bert\",\"nomic-bert.context_length\":"
							+ stub.contextLength + "}}");
				}
			}
		});
		server.setExecutor(Executors.newFixedThreadPool(8));
		server.start();
		return stub;
	}

	/** For static fields, where a checked exception cannot be thrown. */
	public static OllamaStub startUnchecked() {
		try {
			return start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Base URL to configure as {@code INGEST_OLLAMA_URL}. */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** The next answers, in order, before normal service resumes. */
	public OllamaStub thenAnswer(int status, String body) {
		this.scripted.add(new Answer(status, body));
		return this;
	}

	/** Every answer from now on, until cleared with {@code null}. */
	public OllamaStub alwaysAnswer(Integer status, String body) {
		this.always = (status != null) ? new Answer(status, body) : null;
		return this;
	}

	/** Whether {@code /api/show} says the model is missing, as a server without it pulled does. */
	public OllamaStub modelMissing(boolean missing) {
		this.modelMissing = missing;
		return this;
	}

	/** The context length that {@code /api/show} reports for the model. */
	public OllamaStub reportContextLength(int tokens) {
		this.contextLength = tokens;
		return this;
	}

	/** Slows every answer down, to keep a worker busy mid-embedding. */
	public OllamaStub delayEachAnswer(Duration delay) {
		this.delay = delay;
		return this;
	}

	/** Back to plain, fast service with an empty call log, between tests sharing one stub. */
	public OllamaStub reset() {
		this.scripted.clear();
		this.calls.clear();
		this.always = null;
		this.delay = Duration.ZERO;
		this.modelMissing = false;
		this.afterAnswer = call -> {
		};
		this.beforeAnswer = call -> {
		};
		return this;
	}

	/** Runs on the server's thread when a request has arrived, before it is answered. */
	public OllamaStub beforeEachAnswer(Consumer<Call> listener) {
		this.beforeAnswer = listener;
		return this;
	}

	/** Runs after each answer has been sent, e.g. to kill a worker just as it goes on to write. */
	public OllamaStub afterEachAnswer(Consumer<Call> listener) {
		this.afterAnswer = listener;
		return this;
	}

	/** Calls received so far, in arrival order. */
	public List<Call> calls() {
		synchronized (this.calls) {
			return List.copyOf(this.calls);
		}
	}

	/** The vector the stub returns for a text. */
	public static float[] vectorFor(String text) {
		float[] vector = new float[DIMENSION];
		long seed = text.hashCode();
		for (int i = 0; i < DIMENSION; i++) {
			seed = seed * 6364136223846793005L + 1442695040888963407L;
			vector[i] = ((seed >>> 40) & 0xFFFF) / 65536f - 0.5f;
		}
		return vector;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			JsonNode request = JSON.readTree(body);
			List<String> inputs = new ArrayList<>();
			JsonNode input = request.path("input");
			if (input.isArray()) {
				input.forEach(node -> inputs.add(node.asString()));
			}
			else {
				inputs.add(input.asString());
			}
			Call call = new Call(System.nanoTime(), request.path("model").asString(), List.copyOf(inputs));
			this.calls.add(call);
			this.beforeAnswer.accept(call);
			sleep(this.delay);
			Answer answer = this.scripted.poll();
			if (answer == null) {
				answer = this.always;
			}
			if (answer != null) {
				send(exchange, answer.status(), answer.body());
				return;
			}
			ObjectNode response = JSON.createObjectNode();
			response.put("model", request.path("model").asString());
			ArrayNode embeddings = response.putArray("embeddings");
			for (String text : inputs) {
				ArrayNode vector = embeddings.addArray();
				for (float value : vectorFor(text)) {
					vector.add(value);
				}
			}
			send(exchange, 200, JSON.writeValueAsString(response));
			this.afterAnswer.accept(call);
		}
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static void sleep(Duration delay) {
		if (delay.isZero()) {
			return;
		}
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One request the stub received.
	 *
	 * @param nanoTime when it arrived ({@link System#nanoTime()})
	 * @param model the model asked for
	 * @param inputs the texts to embed
	 */
	public record Call(long nanoTime, String model, List<String> inputs) {
	}

	private record Answer(int status, String body) {
	}

}
