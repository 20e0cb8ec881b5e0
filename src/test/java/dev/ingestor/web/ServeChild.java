package dev.ingestor.web;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.ingestor.RagIngestorApplication;
import dev.ingestor.support.IngestProcess;

/**
 * {@code bin/ingest serve} in a child JVM with the test class path and a heap cap, configured
 * only through environment variables, on an H2 file database and free loopback ports.
 */
final class ServeChild implements AutoCloseable {

	private final Process process;

	private final Path log;

	final int port;

	private ServeChild(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	static ServeChild start(Path work, String heap, Map<String, String> env, String... args) throws IOException {
		int port = freePort();
		Path log = work.resolve("serve.log");
		List<String> command = new java.util.ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap, "-XX:+ExitOnOutOfMemoryError",
				"-Djava.io.tmpdir=" + work, "-cp", System.getProperty("java.class.path"),
				RagIngestorApplication.class.getName(), "serve"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> environment = new HashMap<>(Map.of("INGEST_HTTP_PORT", Integer.toString(port),
				"INGEST_HTTP_ADDRESS", "127.0.0.1", "INGEST_MANAGEMENT_PORT", Integer.toString(freePort()),
				"INGEST_STORAGE_DIR", work.resolve("storage").toString(), "SPRING_DATASOURCE_URL",
				"jdbc:h2:file:" + work.resolve("db") + ";MODE=MySQL"));
		environment.putAll(env);
		builder.environment().putAll(environment);
		return new ServeChild(builder.start(), log, port);
	}

	/** Waits until the API listens; fails with the output when the process ends first. */
	void awaitServing() throws IOException {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (!output().contains("serving the API and the console on")) {
			if (!this.process.isAlive() || Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("serve did not start:\n" + output());
			}
			IngestProcess.pause(50);
		}
	}

	int awaitExit() throws InterruptedException {
		if (!this.process.waitFor(3, TimeUnit.MINUTES)) {
			throw new IllegalStateException("serve still runs");
		}
		return this.process.exitValue();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	String output() throws IOException {
		return Files.readString(this.log);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

}
