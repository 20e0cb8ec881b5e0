package dev.ingestor.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.ingestor.job.IngestRunner;
import dev.ingestor.queue.Enqueuer;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Run in a child JVM with a small heap by {@link HugeParagraphMemoryTests}: writes a CSV of
 * {@code args[1]} MB with no blank line (one "paragraph") under {@code args[0]}, queues it and
 * runs the real job against the Ollama-speaking server at {@code args[2]}, then prints
 * {@code status=S message=M peakRssKb=R} for the parent to check.
 */
final class HugeParagraphMain {

	private HugeParagraphMain() {
	}

	public static void main(String[] args) throws IOException {
		Path work = Path.of(args[0]);
		Path csv = work.resolve("huge.csv");
		writeCsv(csv, Long.parseLong(args[1]) * 1024 * 1024);
		System.setProperty("spring.datasource.url", "jdbc:h2:file:" + work.resolve("db") + ";MODE=MySQL");
		System.setProperty("ingest.storage-dir", work.resolve("storage").toString());
		System.setProperty("ingest.embedding", "ollama");
		System.setProperty("ingest.ollama.url", args[2]);
		Files.createDirectories(work.resolve("storage"));
		try (Application app = Application.start()) {
			long id = app.bean(Enqueuer.class).enqueue(csv, false).id();
			IngestRunner.Result result = app.bean(IngestRunner.class).runOnce();
			String row = app.bean(JdbcClient.class)
				.sql("SELECT CONCAT(status, ' message=', rag_message) FROM ingestion_queue_item WHERE id = ?")
				.param(id)
				.query(String.class)
				.single();
			System.out.println("outcome=" + result.outcome() + " status=" + row);
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

	static long peakRssKb() throws IOException {
		return Files.readAllLines(Path.of("/proc/self/status"))
			.stream()
			.filter(line -> line.startsWith("VmHWM:"))
			.mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
			.findFirst()
			.orElse(-1);
	}

}
