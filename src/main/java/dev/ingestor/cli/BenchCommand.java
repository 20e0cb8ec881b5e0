package dev.ingestor.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import dev.ingestor.IngestException;
import dev.ingestor.extract.ExtractedDocument;
import dev.ingestor.extract.Extraction;
import dev.ingestor.job.IngestRunner;
import dev.ingestor.queue.Enqueuer;
import dev.ingestor.source.SourceFile;
import dev.ingestor.source.StorageResolver;
import dev.ingestor.split.TextChunk;
import dev.ingestor.split.TextSplitter;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bin/ingest bench DIR}: measures each stage on real documents in one process, into a
 * throw-away H2 database: extraction, splitting, embedding at several request sizes (compare
 * the ratios, not the absolute numbers, on a noisy machine), and the whole job end to end.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
		description = "Benchmark extraction, splitting, embedding and the whole job on the documents in DIR.")
class BenchCommand implements Callable<Integer> {

	@Parameters(paramLabel = "DIR", description = "Directory searched recursively for .pdf, .md, .txt, .html files.")
	Path dir;

	@Option(names = "--files", defaultValue = "30", description = "Documents for the stage figures (default: ${DEFAULT-VALUE}).")
	int files;

	@Option(names = "--embed-chunks", defaultValue = "256", description = "Chunks embedded per request size (default: ${DEFAULT-VALUE}).")
	int embedChunks;

	@Option(names = "--job-files", defaultValue = "10", description = "Documents run through the job (default: ${DEFAULT-VALUE}).")
	int jobFiles;

	@Option(names = "--formats", description = "Instead: extraction throughput per format and OCR cost per page over every file in DIR.")
	boolean formats;

	@Override
	public Integer call() throws IOException {
		if (this.formats) {
			return FormatBench.run(this.dir, Integer.MAX_VALUE);
		}
		List<Path> documents = findDocuments();
		if (documents.isEmpty()) {
			System.err.println("no documents under " + this.dir);
			return ExitCodes.USAGE;
		}
		Path work = Files.createTempDirectory("rag-ingestor-bench");
		System.setProperty("spring.datasource.url", "jdbc:h2:file:" + work.resolve("db") + ";MODE=MySQL");
		System.setProperty("ingest.storage-dir", work.resolve("storage").toString());
		Files.createDirectories(work.resolve("storage"));
		try (Application app = Application.start()) {
			List<TextChunk> chunks = stages(app, documents);
			embedding(app.bean(EmbeddingModel.class), chunks);
			endToEnd(app, documents.subList(0, Math.min(this.jobFiles, documents.size())));
		}
		System.out.printf("peak heap %d MiB, peak RSS %s%n", peakHeapMiB(), peakRss());
		return ExitCodes.OK;
	}

	private List<Path> findDocuments() throws IOException {
		try (Stream<Path> paths = Files.walk(this.dir)) {
			return paths.filter(Files::isRegularFile)
				.filter(p -> p.toString().matches("(?i).*\\.(pdf|md|txt|html)$"))
				.sorted()
				.limit(this.files)
				.toList();
		}
	}

	private List<TextChunk> stages(Application app, List<Path> documents) throws IOException {
		Path storage = app.bean(StorageResolver.class).storageDir();
		Extraction extraction = app.bean(Extraction.class);
		TextSplitter splitter = app.bean(TextSplitter.class);
		List<TextChunk> chunks = new ArrayList<>();
		long pages = 0, chars = 0, bytes = 0, extractNanos = 0, splitNanos = 0, failures = 0;
		for (int i = 0; i < documents.size(); i++) {
			String relative = "bench/" + i + "/" + documents.get(i).getFileName();
			Files.createDirectories(storage.resolve(relative).getParent());
			Files.copy(documents.get(i), storage.resolve(relative));
			SourceFile file = app.bean(StorageResolver.class).resolve(i, relative);
			long t0 = System.nanoTime();
			ExtractedDocument document;
			try {
				document = extraction.extract(i, file);
			}
			catch (IngestException ex) {
				failures++;
				continue;
			}
			long t1 = System.nanoTime();
			List<TextChunk> split = splitter.split(document);
			long t2 = System.nanoTime();
			extractNanos += t1 - t0;
			splitNanos += t2 - t1;
			pages += document.pageCount();
			chars += document.pages().stream().mapToLong(p -> p.text().length()).sum();
			bytes += file.size();
			chunks.addAll(split);
		}
		System.out.printf("documents %d (%d refused), %.1f MiB, %d pages, %d chars, %d chunks (max %d tokens each)%n",
				documents.size(), failures, bytes / 1048576.0, pages, chars, chunks.size(), splitter.maxTokens());
		System.out.printf("extract   %8.1f pages/s  (%.2f s)%n", pages / seconds(extractNanos), seconds(extractNanos));
		System.out.printf("split     %8.1f chunks/s (%.2f s)%n", chunks.size() / seconds(splitNanos), seconds(splitNanos));
		return chunks;
	}

	private void embedding(EmbeddingModel model, List<TextChunk> chunks) {
		List<TextSegment> sample = chunks.stream().limit(this.embedChunks).map(c -> TextSegment.from(c.text())).toList();
		model.embedAll(sample.subList(0, Math.min(8, sample.size()))); // warm-up: model load and JIT
		double base = 0;
		for (int size : new int[] { 1, 8, 32 }) {
			long t0 = System.nanoTime();
			for (int from = 0; from < sample.size(); from += size) {
				model.embedAll(sample.subList(from, Math.min(from + size, sample.size())));
			}
			double rate = sample.size() / seconds(System.nanoTime() - t0);
			base = (size == 1) ? rate : base;
			System.out.printf("embed     %8.1f chunks/s at %2d per request (x%.2f vs 1)%n", rate, size, rate / base);
		}
	}

	private void endToEnd(Application app, List<Path> documents) throws IOException {
		Enqueuer enqueuer = app.bean(Enqueuer.class);
		for (Path document : documents) {
			enqueuer.enqueue(document, false);
		}
		long t0 = System.nanoTime();
		IngestRunner.Result result = app.bean(IngestRunner.class).runOnce();
		double secs = seconds(System.nanoTime() - t0);
		long chunks = app.bean(JdbcClient.class)
			.sql("SELECT COUNT(*) FROM document_chunk").query(Long.class).single();
		System.out.printf("job       %8.1f docs/min, %.1f chunks/s (%d docs, %d chunks, %.1f s, %s)%n",
				documents.size() * 60 / secs, chunks / secs, documents.size(), chunks, secs, result.outcome());
	}

	private static double seconds(long nanos) {
		return Math.max(nanos, 1) / 1e9;
	}

	private static long peakHeapMiB() {
		return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
			.mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1048576;
	}

	private static String peakRss() throws IOException {
		Path status = Path.of("/proc/self/status");
		if (!Files.exists(status)) {
			return "n/a";
		}
		return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM")).map(l -> l.replaceAll("\\s+", " "))
			.findFirst().orElse("n/a");
	}

}
