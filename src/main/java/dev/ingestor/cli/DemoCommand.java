package dev.ingestor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.ingestor.job.IngestRunner;
import dev.ingestor.queue.Enqueuer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bin/ingest demo}: queues the bundled samples (a PDF written on the spot, Markdown,
 * text and HTML) into the embedded default, runs one pass and shows what was indexed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
		description = "Queue the bundled sample documents, index them, show the result, then serve the console "
				+ "on http://127.0.0.1:INGEST_HTTP_PORT/ (default 8080, no login) until Ctrl-C.")
class DemoCommand implements Callable<Integer> {

	@Option(names = "--no-serve", description = "Index the samples, show the result and exit.")
	boolean noServe;

	static final List<String> TEXT_SAMPLES = List.of("getting-started.md", "operations-notes.txt",
			"chunking-explained.html");

	@Override
	public Integer call() throws IOException, InterruptedException {
		if (!this.noServe) {
			// The demo is one person's laptop: no login, and reachable from this machine only unless
			// INGEST_HTTP_ADDRESS says otherwise. System properties outrank the environment and .env.
			System.setProperty("ingest.auth", "none");
			if (System.getenv("INGEST_HTTP_ADDRESS") == null) {
				System.setProperty("server.address", "127.0.0.1");
			}
		}
		try (Application app = this.noServe ? Application.start() : Application.start("daemon", "serve")) {
			Path workDir = Files.createTempDirectory("rag-ingestor-demo");
			Enqueuer enqueuer = app.bean(Enqueuer.class);
			List<Long> ids = new ArrayList<>();
			for (Path sample : writeSamples(workDir)) {
				Enqueuer.Queued queued = enqueuer.enqueue(sample, true);
				ids.add(queued.id());
				System.out.println("queued #" + queued.id() + "  " + queued.storagePath());
			}
			Files.deleteIfExists(workDir);
			int exit = RunCommand.report(app.bean(IngestRunner.class).runOnce());
			printOutcomes(app.bean(JdbcClient.class), ids);
			if (this.noServe) {
				return exit;
			}
			System.out.println("Console: http://" + ServeCommand.address(app) + ":" + ServeCommand.port(app)
					+ "/  (no login; uploads are indexed as they arrive; Ctrl-C to stop)");
			return ServeCommand.serveUntilStopped(app, true);
		}
	}

	static List<Path> writeSamples(Path dir) throws IOException {
		List<Path> files = new ArrayList<>();
		for (String name : TEXT_SAMPLES) {
			Path target = dir.resolve(name);
			try (InputStream in = DemoCommand.class.getResourceAsStream("/samples/" + name)) {
				Files.copy(in, target);
			}
			files.add(target);
		}
		Path pdf = dir.resolve("rag-ingestor-overview.pdf");
		SamplePdf.write(pdf, List.of(
				List.of("rag-ingestor overview", "", "A queue row becomes an indexed document version.",
						"The worker reserves the row, reads the file from storage and extracts its text."),
				List.of("Page two: embeddings", "", "Chunks are embedded in batches by the in-process model",
						"or by an Ollama server, and stored with the model's name and dimension."),
				List.of("Page three: versions", "", "Each ingestion writes a document version with a content hash.",
						"Exactly one version per document is active; identical content is not embedded again.")));
		files.add(0, pdf);
		return files;
	}

	private static void printOutcomes(JdbcClient jdbc, List<Long> ids) {
		System.out.println();
		System.out.printf("%-6s %-16s %-32s %s%n", "id", "status", "document", "rag_message");
		for (Long id : ids) {
			jdbc.sql("""
					SELECT q.id, q.status, n.name, q.rag_message FROM ingestion_queue_item q
					JOIN document_node n ON n.id = q.document_node_id WHERE q.id = :id""")
				.param("id", id)
				.query((rs, row) -> String.format("%-6d %-16s %-32s %s", rs.getLong("id"), rs.getString("status"),
						rs.getString("name"), rs.getString("rag_message")))
				.list()
				.forEach(System.out::println);
		}
		System.out.println();
		System.out.println("See everything with: bin/ingest report");
	}

}
