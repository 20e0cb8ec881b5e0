package dev.ingestor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * {@code bin/ingest scale-bench}: docs/s of a scaled-out run with 1, 2, 4 … worker processes, in
 * one run. Each worker count gets a scratch database, a request queue of its own on the broker
 * and the same small documents; this process is the manager, the workers are {@code java -jar}
 * of this jar. The embedding server waits a fixed latency per request, because on a machine with
 * few cores CPU-bound work cannot scale: what more workers buy here is more embedding waits at once.
 */
@Command(name = "scale-bench", mixinStandardHelpOptions = true,
		description = "Benchmark scale-out: docs/s with 1, 2, 4 … 'worker' processes over RabbitMQ and a scratch "
				+ "MySQL/MariaDB database, against an Ollama-speaking server that waits --latency-ms per request.")
class ScaleBenchCommand implements Callable<Integer> {

	@Option(names = "--docs", defaultValue = "200", description = "Small Markdown documents per run (default: ${DEFAULT-VALUE}).")
	int docs;

	@Option(names = "--workers", split = ",", defaultValue = "1,2,4", description = "Worker process counts, one run each (default: ${DEFAULT-VALUE}).")
	List<Integer> workers;

	@Option(names = "--latency-ms", defaultValue = "50", description = "Wait of the embedding server per request (default: ${DEFAULT-VALUE}).")
	int latencyMs;

	@Option(names = "--concurrency", defaultValue = "1", description = "INGEST_CONCURRENCY of each worker: documents in flight per worker (default: ${DEFAULT-VALUE}).")
	int concurrency;

	@Option(names = "--partitions", defaultValue = "8", description = "INGEST_PARTITIONS of every run (default: ${DEFAULT-VALUE}).")
	int partitions;

	@Option(names = "--broker-url", defaultValue = "amqp://guest:guest@127.0.0.1:5672", description = "RabbitMQ; the bench declares and deletes queues of its own (default: ${DEFAULT-VALUE}).")
	String brokerUrl;

	@Option(names = "--mysql-url", defaultValue = "jdbc:mysql://127.0.0.1:3306", description = "MySQL/MariaDB server where the bench creates and drops its own databases (default: ${DEFAULT-VALUE}).")
	String mysqlUrl;

	@Option(names = "--mysql-user", defaultValue = "root", description = "(default: ${DEFAULT-VALUE})")
	String mysqlUser;

	@Option(names = "--mysql-password", defaultValue = "", description = "(default: empty)")
	String mysqlPassword;

	@Override
	public Integer call() throws Exception {
		Path jar = WorkerProcesses.runningJar();
		if (jar == null) {
			System.err.println("scale-bench starts workers from the packaged jar: run it as bin/ingest scale-bench");
			return ExitCodes.USAGE;
		}
		Path work = Files.createTempDirectory("rag-ingestor-scale-bench");
		List<Path> documents = BenchCorpus.smallDocuments(work.resolve("docs"), this.docs);
		Map<Integer, Double> docsPerSecond = new LinkedHashMap<>();
		try (InstantOllama ollama = InstantOllama.start(Duration.ofMillis(this.latencyMs))) {
			for (int count : this.workers) {
				docsPerSecond.put(count, measure(count, jar, documents, ollama, work.resolve("run-" + count)));
			}
		}
		System.out.printf(Locale.ROOT, "%n%d small documents, embedding server waiting %d ms per request, "
				+ "%d partitions, %d document(s) in flight per worker%n", this.docs, this.latencyMs, this.partitions,
				this.concurrency);
		System.out.println("workers   docs/s   vs 1 worker");
		double base = docsPerSecond.values().iterator().next();
		docsPerSecond.forEach((count, rate) -> System.out.printf(Locale.ROOT, "%7d %8.1f %10.2fx%n", count, rate,
				rate / base));
		return ExitCodes.OK;
	}

	/** One scaled-out run over fresh copies of the documents; returns its docs/s. */
	private double measure(int workerCount, Path jar, List<Path> documents, InstantOllama ollama, Path run)
			throws Exception {
		String queue = "ingest.scale-bench." + UUID.randomUUID().toString().substring(0, 8);
		try (MariaDbScratch database = new MariaDbScratch(this.mysqlUrl, this.mysqlUser, this.mysqlPassword)) {
			Map<String, String> properties = new LinkedHashMap<>();
			properties.put("spring.datasource.url", database.url());
			properties.put("spring.datasource.username", database.user());
			properties.put("spring.datasource.password", database.password());
			properties.put("ingest.storage-dir", run.resolve("storage").toString());
			properties.put("ingest.embedding", "ollama");
			properties.put("ingest.ollama.url", ollama.url());
			properties.put("ingest.concurrency", String.valueOf(this.concurrency));
			properties.put("ingest.broker-url", this.brokerUrl);
			properties.put("ingest.partitions", String.valueOf(this.partitions));
			properties.put("ingest.partition-poll-interval", "100ms");
			properties.put("ingest.partition-queue", queue);
			Map<String, String> env = asEnvironment(properties);
			env.put("INGEST_MANAGEMENT_PORT", "0");
			// The manager's context first: it migrates the scratch database before any worker connects.
			try (BenchScope scope = BenchScope.with(properties, run.resolve("storage")); Application manager = Application.start()) {
				try {
					BenchQueue queued = new BenchQueue(manager);
					queued.enqueue(documents);
					try (WorkerProcesses workers = WorkerProcesses.start(jar, workerCount, env, Files.createDirectories(run))) {
						BenchQueue.Timed timed = queued.run();
						System.out.printf(Locale.ROOT, "%d worker(s): %.1f s, %s%n", workerCount, timed.seconds(), timed.outcome());
						return documents.size() / timed.seconds();
					}
				}
				finally {
					RabbitAdmin broker = manager.bean(RabbitAdmin.class);
					broker.deleteQueue(queue);
					broker.deleteQueue(queue + ".dlq");
				}
			}
		}
	}

	/** {@code ingest.partition-queue} as {@code INGEST_PARTITION_QUEUE}: Spring's relaxed binding reads it back. */
	private static Map<String, String> asEnvironment(Map<String, String> properties) {
		Map<String, String> env = new LinkedHashMap<>();
		properties.forEach((name, value) -> env.put(name.replaceAll("[.-]", "_").toUpperCase(Locale.ROOT), value));
		return env;
	}

}
