package dev.ingestor.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.ingestor.support.OllamaStub;

/**
 * Runs the real job in a child JVM under a heap cap ({@link MemoryCappedJobMain}): the test
 * JVM's own heap says nothing. The Ollama-speaking server runs here and answers at once, so
 * neither it nor its call log count against the child's memory.
 */
final class MemoryCappedJob {

	private static final Pattern ROW = Pattern.compile("row=(\\d+) status=(\\S+) message=(.*)");

	private static final Pattern RSS = Pattern.compile("peakRssKb=(\\d+)");

	private MemoryCappedJob() {
	}

	/**
	 * @param heap the child's {@code -Xmx}, e.g. "256m"
	 * @param chunkTokens {@code ingest.max-chunk-tokens}; 0 for the default
	 * @param files what to queue, as {@link MemoryCappedJobMain} reads it
	 */
	static Outcome run(Path tmp, String heap, int chunkTokens, String... files) throws Exception {
		Path output = tmp.resolve("child.out");
		Process child;
		boolean ended;
		try (OllamaStub ollama = OllamaStub.start()) {
			List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + tmp, "-cp",
					System.getProperty("java.class.path"), MemoryCappedJobMain.class.getName(), tmp.toString(), ollama.url(),
					Integer.toString(chunkTokens)));
			command.addAll(List.of(files));
			child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
			ended = child.waitFor(15, TimeUnit.MINUTES);
			if (!ended) {
				child.destroyForcibly();
			}
		}
		String out = Files.readString(output, StandardCharsets.UTF_8);
		List<Row> rows = new ArrayList<>();
		Matcher row = ROW.matcher(out);
		while (row.find()) {
			rows.add(new Row(Long.parseLong(row.group(1)), row.group(2), row.group(3)));
		}
		Matcher rss = RSS.matcher(out);
		return new Outcome(ended, ended ? child.exitValue() : -1, out, rows, rss.find() ? Long.parseLong(rss.group(1)) : -1);
	}

	/** One queue row as the child saw it at the end. */
	record Row(long id, String status, String message) {
	}

	/**
	 * @param peakRssKb the child's VmHWM, -1 if it did not get so far
	 */
	record Outcome(boolean ended, int exitCode, String output, List<Row> rows, long peakRssKb) {

		/** The end of the child's output, for assertion messages. */
		String tail() {
			return this.output.substring(Math.max(0, this.output.length() - 4000));
		}

		long peakRssMb() {
			return this.peakRssKb / 1024;
		}

		Stream<Row> stream() {
			return this.rows.stream();
		}

	}

}
