package dev.ingestor.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.split.ModelTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bin/ingest bench DIR}: in one process, on the same files, the figures that say where
 * time goes: (a) the embedded default end to end against the model alone, (b) small documents
 * per second on MySQL with an Ollama-speaking server that answers at once, (c) and (d) re-ingest
 * unchanged and with 10% edited against the first ingest, (e) extraction and splitting alone,
 * (f) hundreds of real PDFs through the job against their extraction alone. Compare the ratios,
 * not the absolute numbers, on a shared machine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
		description = "Benchmark the job and each stage on the PDFs under DIR (H2 + in-process model, then MySQL + an instant Ollama-speaking server).")
class BenchCommand implements Callable<Integer> {

	@Parameters(paramLabel = "DIR", description = "Directory searched recursively for .pdf files.")
	Path dir;

	@Option(names = "--files", defaultValue = "30", description = "PDFs for (a) and (e), after a job on 10 others that warms the JIT up (default: ${DEFAULT-VALUE}).")
	int files;

	@Option(names = "--small-docs", defaultValue = "1000", description = "Small Markdown documents for (b), (c), (d), after as many others that warm the JIT up (default: ${DEFAULT-VALUE}).")
	int smallDocs;

	@Option(names = "--job-pdfs", defaultValue = "300", description = "PDFs for (f) (default: ${DEFAULT-VALUE}).")
	int jobPdfs;

	@Option(names = "--mysql-url", defaultValue = "jdbc:mysql://127.0.0.1:3306", description = "MySQL/MariaDB server where the bench creates and drops its own database (default: ${DEFAULT-VALUE}).")
	String mysqlUrl;

	@Option(names = "--mysql-user", defaultValue = "root", description = "(default: ${DEFAULT-VALUE})")
	String mysqlUser;

	@Option(names = "--mysql-password", defaultValue = "", description = "(default: empty)")
	String mysqlPassword;

	@Option(names = "--commit-intervals", split = ",", description = "Also: (b) once per INGEST_COMMIT_INTERVAL given (e.g. 1,10,50,100), in two interleaved rounds, each in a fresh context and database.")
	List<Integer> commitIntervals = List.of();

	/** A part of the bench, to profile or tune one figure without waiting for the others. */
	enum Part {

		/** (e), then (a), (c) and (d) on the PDFs: H2 and the in-process model. */
		embedded,

		/** (b), then (c) and (d) on the small documents: MySQL and the instant server; no PDF is read. */
		small_docs

	}

	@Option(names = "--only", description = "Only one part: ${COMPLETION-CANDIDATES}.")
	Part only;

	@Option(names = "--formats", description = "Instead: extraction throughput per format and OCR cost per page over every file in DIR.")
	boolean formats;

	@Override
	public Integer call() throws Exception {
		if (this.formats) {
			return FormatBench.run(this.dir, Integer.MAX_VALUE);
		}
		boolean readsPdfs = this.only != Part.small_docs;
		List<Path> pdfs = readsPdfs ? BenchCorpus.pdfs(this.dir, Math.max(this.files, this.jobPdfs)) : List.of();
		if (pdfs.isEmpty() && readsPdfs) {
			System.err.println("no PDFs under " + this.dir);
			return ExitCodes.USAGE;
		}
		Path work = Files.createTempDirectory("rag-ingestor-bench");
		BenchReport report = new BenchReport();
		if (readsPdfs) {
			int first = Math.min(this.files, pdfs.size());
			embeddedDefault(work, pdfs.subList(0, first), pdfs.subList(first, Math.min(first + WARM_UP_PDFS, pdfs.size())),
					report);
		}
		if (this.only == Part.embedded) {
			report.print(peakHeapMiB(), BenchReport.peakRss());
			return ExitCodes.OK;
		}
		try (MariaDbScratch database = new MariaDbScratch(this.mysqlUrl, this.mysqlUser, this.mysqlPassword);
				InstantOllama ollama = InstantOllama.start()) {
			onMySql(work, database, ollama, pdfs.subList(0, Math.min(this.jobPdfs, pdfs.size())), report);
		}
		report.commitIntervals = commitIntervalTable(work);
		report.print(peakHeapMiB(), BenchReport.peakRss());
		return ExitCodes.OK;
	}

	/** PDFs the embedded default's job runs on before the measured one, not among the measured ones. */
	private static final int WARM_UP_PDFS = 10;

	/**
	 * (e) and (a): H2 and the in-process model, the defaults a new user gets. The model's floor
	 * is measured after the job, with every method it runs compiled; so that the job is not the
	 * one to pay the JIT's start (on 2 cores the compiler threads take a large share of them for
	 * the first minute), a job on other PDFs runs first, and its ratio is printed too.
	 */
	private void embeddedDefault(Path work, List<Path> pdfs, List<Path> warmUpPdfs, BenchReport report)
			throws Exception {
		Map<String, String> properties = Map.of("spring.datasource.url",
				"jdbc:h2:file:" + work.resolve("h2") + ";MODE=MySQL", "ingest.storage-dir",
				work.resolve("storage-h2").toString(), "ingest.embedding", "local");
		try (BenchScope scope = BenchScope.with(properties, work.resolve("storage-h2")); Application app = Application.start()) {
			BenchStages stages = new BenchStages(app);
			int batch = app.bean(IngestProperties.class).embeddingBatchSize();
			if (!warmUpPdfs.isEmpty()) {
				BenchQueue warmUp = new BenchQueue(app);
				List<Path> warmUpStored = warmUp.enqueue(warmUpPdfs);
				report.warmUpPdfs = warmUpPdfs.size();
				report.warmUpJob = warmUp.run();
				report.warmUpFloorSeconds = stages.floorSeconds(stages.extract(warmUpStored, true).documents(), batch);
			}
			BenchQueue queue = new BenchQueue(app);
			List<Path> stored = queue.enqueue(pdfs);
			BenchStages.Extracted extracted = stages.extract(stored, true);
			report.extract = extracted;
			report.split126 = BenchStages.split(extracted.documents(), 126, 16, ModelTokenizer.MINILM);
			report.split512 = BenchStages.split(extracted.documents(), 512, 16, ModelTokenizer.BERT);
			report.embeddedJob = queue.run();
			List<List<BenchStages.StoredChunk>> storedChunks = queue.storedChunks();
			report.chunks = storedChunks.stream().mapToLong(List::size).sum();
			report.coverage = BenchStages.coverage(extracted.documents(), storedChunks);
			report.floorSeconds = stages.floorSeconds(extracted.documents(), batch);
			// (c) and (d) where embedding is the cost that reuse saves.
			queue.requeue();
			report.pdfUnchanged = queue.run();
			report.pdfsEdited = BenchCorpus.addParagraphToEveryTenthPdf(stored);
			queue.requeue();
			report.pdfChanged = queue.run();
		}
	}

	/** (b), (c), (d), (f): MySQL and an Ollama-speaking server that answers at once. */
	private void onMySql(Path work, MariaDbScratch database, InstantOllama ollama, List<Path> pdfs, BenchReport report)
			throws Exception {
		Map<String, String> properties = Map.of("spring.datasource.url", database.url(), "spring.datasource.username",
				database.user(), "spring.datasource.password", database.password(), "ingest.storage-dir",
				work.resolve("storage-mysql").toString(), "ingest.embedding", "ollama", "ingest.ollama.url", ollama.url());
		try (BenchScope scope = BenchScope.with(properties, work.resolve("storage-mysql")); Application app = Application.start()) {
			// A first corpus warms the JIT up on the MySQL path, as a daemon's first minutes do; the
			// figures are taken on a second one. Both are printed.
			BenchQueue warmUp = new BenchQueue(app);
			warmUp.enqueue(BenchCorpus.smallDocuments(work.resolve("small-warm-up"), this.smallDocs));
			report.coldFirst = warmUp.run();
			BenchQueue small = new BenchQueue(app);
			List<Path> stored = small.enqueue(BenchCorpus.smallDocuments(work.resolve("small"), this.smallDocs));
			report.smallDocs = stored.size();
			report.first = small.run();
			small.requeue();
			report.unchanged = small.run();
			report.edited = BenchCorpus.editEveryTenth(stored);
			small.requeue();
			report.changed = small.run();
			if (this.only == Part.small_docs) {
				return;
			}
			BenchQueue big = new BenchQueue(app);
			List<Path> storedPdfs = big.enqueue(pdfs);
			report.pdfExtraction = new BenchStages(app).extract(storedPdfs, false);
			report.pdfJob = big.run();
			report.pdfs = storedPdfs.size();
		}
	}

	/**
	 * (b) per commit interval, in rounds that interleave the intervals, so that a load that
	 * comes and goes on a shared machine falls on all of them alike.
	 */
	private Map<Integer, List<Double>> commitIntervalTable(Path work) throws Exception {
		Map<Integer, List<Double>> docsPerSecond = new java.util.LinkedHashMap<>();
		for (int round = 0; round < 2 && !this.commitIntervals.isEmpty(); round++) {
			for (int interval : this.commitIntervals) {
				Path run = work.resolve("interval-" + interval + "-" + round);
				try (MariaDbScratch database = new MariaDbScratch(this.mysqlUrl, this.mysqlUser, this.mysqlPassword);
						InstantOllama ollama = InstantOllama.start();
						BenchScope scope = BenchScope.with(Map.of("spring.datasource.url", database.url(),
								"spring.datasource.username", database.user(), "spring.datasource.password",
								database.password(), "ingest.storage-dir", run.resolve("storage").toString(),
								"ingest.embedding", "ollama", "ingest.ollama.url", ollama.url(), "ingest.commit-interval",
								String.valueOf(interval)), run.resolve("storage"));
						Application app = Application.start()) {
					BenchQueue small = new BenchQueue(app);
					int docs = small.enqueue(BenchCorpus.smallDocuments(run.resolve("small"), this.smallDocs)).size();
					docsPerSecond.computeIfAbsent(interval, i -> new ArrayList<>()).add(docs / small.run().seconds());
				}
			}
		}
		return docsPerSecond;
	}

	private static long peakHeapMiB() {
		return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
			.mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1048576;
	}

}
