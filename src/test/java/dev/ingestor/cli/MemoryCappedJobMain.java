package dev.ingestor.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.ingestor.job.IngestRunner;
import dev.ingestor.queue.Enqueuer;
import dev.ingestor.support.TestPdfs;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Run in a child JVM with a small heap by {@link MemoryCappedJob}: writes the files that
 * {@code args[3..]} name under {@code args[0]}, queues them and runs the real job against the
 * Ollama-speaking server at {@code args[1]} with chunks of {@code args[2]} tokens (0: the
 * default), then prints {@code row=ID status=S message=M} per row and {@code peakRssKb=R}.
 * A file is {@code csv:MB} (no blank line: one "paragraph"), {@code text:CHARS} (prose in
 * paragraphs) or {@code pdf:PAGES}.
 */
final class MemoryCappedJobMain {

	private MemoryCappedJobMain() {
	}

	public static void main(String[] args) throws IOException {
		Path work = Path.of(args[0]);
		Path input = Files.createDirectories(work.resolve("input"));
		List<Path> files = new ArrayList<>();
		for (int i = 3; i < args.length; i++) {
			String[] spec = args[i].split(":");
			Path file = input.resolve(i + "." + spec[0]);
			switch (spec[0]) {
				case "csv" -> writeCsv(file, Long.parseLong(spec[1]) * 1024 * 1024);
				case "text" -> writeProse(file, Long.parseLong(spec[1]));
				case "pdf" -> TestPdfs.textPages(file, Integer.parseInt(spec[1]), 20);
				default -> throw new IllegalArgumentException("unknown file kind: " + args[i]);
			}
			files.add(file);
		}
		System.setProperty("spring.datasource.url", "jdbc:h2:file:" + work.resolve("db") + ";MODE=MySQL");
		System.setProperty("ingest.storage-dir", work.resolve("storage").toString());
		System.setProperty("ingest.embedding", "ollama");
		System.setProperty("ingest.ollama.url", args[1]);
		System.setProperty("ingest.max-chunk-tokens", args[2]);
		Files.createDirectories(work.resolve("storage"));
		try (Application app = Application.start()) {
			for (Path file : files) {
				app.bean(Enqueuer.class).enqueue(file, false);
			}
			IngestRunner.Result result = app.bean(IngestRunner.class).runOnce();
			System.out.println("outcome=" + result.outcome());
			app.bean(JdbcClient.class)
				.sql("SELECT CONCAT('row=', id, ' status=', status, ' message=', rag_message) FROM ingestion_queue_item ORDER BY id")
				.query(String.class)
				.list()
				.forEach(System.out::println);
		}
		System.out.println("peakRssKb=" + peakRssKb());
	}

	private static void writeCsv(Path csv, long bytes) throws IOException {
		try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			out.write("id,customer,amount,currency,comment\n");
			for (long row = 0, written = 0; written < bytes; row++) {
				String line = row + ",customer-" + (row * 7919 % 100_003) + "," + (row % 9973) + ".50,EUR,paid in full\n";
				out.write(line);
				written += line.length();
			}
		}
	}

	/** Paragraphs of varied words, so that no two chunks are alike and nothing is reused. */
	private static void writeProse(Path file, long chars) throws IOException {
		String[] words = { "ledger", "invoice", "quarterly", "river", "engine", "harbour", "migration", "tenant",
				"vector", "glacier", "orchard", "protocol", "lantern", "summit", "archive", "meadow" };
		Random random = new Random(42);
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			StringBuilder line = new StringBuilder();
			for (long written = 0, lines = 0; written < chars; lines++) {
				line.setLength(0);
				for (int w = 0; w < 12; w++) {
					line.append(words[random.nextInt(words.length)]).append(random.nextInt(1000)).append(' ');
				}
				line.append((lines % 10 == 9) ? ".\n\n" : ".\n");
				String text = (written + line.length() > chars) ? line.substring(0, (int) (chars - written)) : line.toString();
				out.write(text);
				written += text.length();
			}
		}
	}

	static long peakRssKb() throws IOException {
		return Files.readAllLines(Path.of("/proc/self/status"))
			.stream()
			.filter(line -> line.startsWith("VmHWM:"))
			.mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
			.findFirst()
			.orElse(-1);
	}

}
