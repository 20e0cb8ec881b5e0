package dev.ingestor.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * For {@code scale-bench}: {@code bin/ingest worker} processes of the very jar that runs the
 * bench, configured through their environment, started together and waited for until each says
 * it consumes; closing kills them (none holds a partition by then).
 */
final class WorkerProcesses implements AutoCloseable {

	private static final Duration START_DEADLINE = Duration.ofMinutes(3);

	private final List<Process> processes = new ArrayList<>();

	private final List<Path> outputs = new ArrayList<>();

	/** The jar this JVM runs from ({@code java -jar}), or null when it runs from classes. */
	static Path runningJar() {
		Path path = Path.of(System.getProperty("java.class.path", ""));
		return (path.toString().endsWith(".jar") && Files.isRegularFile(path)) ? path.toAbsolutePath() : null;
	}

	static WorkerProcesses start(Path jar, int count, Map<String, String> env, Path work) throws IOException {
		WorkerProcesses workers = new WorkerProcesses();
		try {
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			for (int i = 0; i < count; i++) {
				Path output = Files.createTempFile(work, "worker-", ".log");
				ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-jar", jar.toString(), "worker")
					.redirectErrorStream(true)
					.redirectOutput(output.toFile());
				builder.environment().putAll(env);
				workers.processes.add(builder.start());
				workers.outputs.add(output);
			}
			workers.awaitStarted();
			return workers;
		}
		catch (IOException | RuntimeException ex) {
			workers.close();
			throw ex;
		}
	}

	private void awaitStarted() throws IOException {
		long deadline = System.nanoTime() + START_DEADLINE.toNanos();
		for (int i = 0; i < this.processes.size(); i++) {
			while (!Files.readString(this.outputs.get(i), StandardCharsets.UTF_8).contains("worker started")) {
				if (!this.processes.get(i).isAlive() || System.nanoTime() > deadline) {
					throw new IOException("worker " + i + " did not start; its output:\n"
							+ Files.readString(this.outputs.get(i), StandardCharsets.UTF_8));
				}
				pause();
			}
		}
	}

	private static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	@Override
	public void close() {
		this.processes.forEach(Process::destroyForcibly);
		for (Process process : this.processes) {
			try {
				process.waitFor(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
