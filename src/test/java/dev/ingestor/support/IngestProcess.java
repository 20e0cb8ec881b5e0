package dev.ingestor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged application ({@code target/rag-ingestor.jar}) running as a child process, the way
 * cron or an operator runs it, configured only through environment variables. Its output (log and
 * command output together) goes to a file that tests poll with a deadline; it can be killed with
 * SIGKILL ({@code kill -9}) or terminated with SIGTERM.
 */
public final class IngestProcess implements AutoCloseable {

	/** The jar {@code mvn package} builds; failsafe runs after it. */
	public static final Path JAR = Path.of("target", "rag-ingestor.jar").toAbsolutePath();

	private final Process process;

	private final Path output;

	private IngestProcess(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	/** Starts {@code java -jar rag-ingestor.jar args} in {@code workDir} with {@code env} added. */
	public static IngestProcess start(Path workDir, Map<String, String> env, String... args) {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR + " is missing; run 'mvn package' first (mvn verify does)");
		}
		List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", JAR.toString()));
		command.addAll(List.of(args));
		try {
			Path output = Files.createTempFile(workDir, "ingest-" + String.join("-", args).replace("-", ""), ".log");
			ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().putAll(env);
			return new IngestProcess(builder.start(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	public long pid() {
		return this.process.pid();
	}

	/** Everything the process printed so far. */
	public String output() {
		try {
			return Files.readString(this.output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Waits until the output matches {@code regex} and returns the first match's group 1 (or all). */
	public String awaitOutput(String regex, Duration timeout) {
		Pattern pattern = Pattern.compile(regex);
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			Matcher matcher = pattern.matcher(output());
			if (matcher.find()) {
				return (matcher.groupCount() > 0) ? matcher.group(1) : matcher.group();
			}
			if (!this.process.isAlive() && !pattern.matcher(output()).find()) {
				throw new IllegalStateException("process ended (" + this.process.exitValue() + ") before printing /"
						+ regex + "/:\n" + output());
			}
			pause(20);
		}
		throw new IllegalStateException("no /" + regex + "/ within " + timeout + ":\n" + output());
	}

	/** SIGKILL, as {@code kill -9}: no hook runs, nothing is cleaned up. */
	public void kill9() {
		this.process.destroyForcibly();
		awaitExit(Duration.ofSeconds(30));
	}

	/** SIGTERM, as a service manager or {@code kill} sends it. */
	public void sigterm() {
		this.process.destroy();
	}

	/** The exit code; fails when the process is still alive after {@code timeout}. */
	public int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("still running after " + timeout + ":\n" + output());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the process", ex);
		}
		return this.process.exitValue();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** Polling pause for real processes; never used to wait for time to pass in the code under test. */
	public static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
		}
	}

}
