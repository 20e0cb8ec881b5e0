package dev.ingestor.scale;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ingestor.support.ChildDatabase;
import dev.ingestor.support.IngestProcess;
import dev.ingestor.support.OllamaStub;
import dev.ingestor.support.QueueFixture;
import dev.ingestor.support.RabbitVhost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Scale-out with real processes: {@code bin/ingest worker} processes and a {@code run} manager,
 * the machine's RabbitMQ (a vhost of our own) and MariaDB (a database of our own), an HTTP server
 * speaking Ollama's API that takes a little time per request, so partitions last long enough to
 * be interrupted. The tests share one database and broker and run in order: each leaves the
 * queue finished for the next.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutProcessTests {

	static final int PARTITIONS = 6;

	static final Duration PROCESS_DEADLINE = Duration.ofMinutes(3);

	Path work;

	ChildDatabase database;

	RabbitVhost broker;

	OllamaStub ollama;

	QueueFixture queue;

	final List<IngestProcess> workers = new ArrayList<>();

	@BeforeAll
	void startDatabaseBrokerAndWorkers() throws Exception {
		this.work = Files.createTempDirectory("scale-out");
		this.database = ChildDatabase.mysql("scale");
		this.broker = RabbitVhost.create("scale");
		this.ollama = OllamaStub.start().delayEachAnswer(Duration.ofMillis(60));
		this.queue = new QueueFixture(this.database.jdbc(), Files.createDirectories(this.work.resolve("storage")));
		for (int i = 0; i < 3; i++) {
			startWorker();
		}
		for (IngestProcess worker : this.workers) {
			worker.awaitOutput("worker started", PROCESS_DEADLINE);
		}
	}

	@AfterAll
	void stopEverything() throws Exception {
		this.workers.forEach(IngestProcess::close);
		if (this.ollama != null) {
			this.ollama.close();
		}
		if (this.broker != null) {
			this.broker.close();
		}
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	@Order(1)
	void aWorkerKilledMidPartitionLosesAndDuplicatesNothing() throws Exception {
		List<Long> rows = queueDocuments("killed", 210);
		IngestProcess manager = IngestProcess.start(this.work, env(Map.of()), "run");

		// The first worker's first partition, once some of its rows are done and one is in its hands.
		IngestProcess victim = this.workers.get(0);
		Matcher started = awaitMatch(victim, "partition ingestQueuedItems:partition(\\d+) of run (\\d+) .*started on");
		int partition = Integer.parseInt(started.group(1));
		String share = "MOD(id, " + PARTITIONS + ") = " + partition;
		await("rows of partition " + partition + " indexed and in hand",
				() -> count("status = 'indexed' AND " + share) >= 3 && count("status = 'processing' AND " + share) > 0);
		victim.kill9();
		assertThat(count("status = 'processing' AND " + share)).as("rows the killed worker held").isPositive();

		assertThat(manager.awaitExit(PROCESS_DEADLINE)).as(manager.output()).isZero();
		assertEveryRowIndexedOnce(rows);
		assertThat(this.database.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isEqualTo(1);
		assertThat(this.database.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'"))
			.isEqualTo(1);
		// Another worker took the partition over once the broker redelivered the unacknowledged request.
		// ...after returning the rows the dead one held to the queue once their heartbeat was stale.
		assertThat(this.workers.get(1).output() + this.workers.get(2).output())
			.containsPattern("partition ingestQueuedItems:partition" + partition + " of run \\d+ .*started on")
			.containsPattern("partition ingestQueuedItems:partition" + partition
					+ " of run \\d+: \\d+ row\\(s\\) of a dead worker are back in the queue");
		assertThat(this.database.count("SELECT COUNT(*) FROM ingestion_log WHERE outcome = 'requeued'")).isPositive();
		this.workers.remove(victim);

		// The report lists each partition with the worker (host/pid) that ran it and its counters.
		IngestProcess report = IngestProcess.start(this.work, env(Map.of()), "report");
		assertThat(report.awaitExit(PROCESS_DEADLINE)).as(report.output()).isZero();
		long survivor = this.workers.get(0).pid();
		assertThat(report.output()).containsPattern("ingestQueuedItems:partition\\d+\\s+COMPLETED\\s+\\d+.*\\S+/("
				+ survivor + "|" + this.workers.get(1).pid() + ")");
	}

	@Test
	@Order(2)
	void withEveryWorkerDownTheRunTimesOutNamingItsPartitionsAndRestartRunsOnlyThose() throws Exception {
		for (IngestProcess worker : this.workers) {
			worker.kill9();
		}
		this.workers.clear();
		List<Long> rows = queueDocuments("unattended", 12);
		IngestProcess manager = IngestProcess.start(this.work, env(Map.of("INGEST_PARTITION_TIMEOUT", "3s")), "run");
		assertThat(manager.awaitExit(PROCESS_DEADLINE)).as(manager.output()).isEqualTo(1);
		String output = manager.output();
		String failed = output.lines().filter(line -> line.startsWith("run FAILED")).findFirst().orElse(output);
		assertThat(failed).contains("partitions not finished within PT3S");
		List<String> named = partitionNames(failed);
		assertThat(named).hasSize(PARTITIONS);
		assertThat(count("status = 'queued'")).isEqualTo(rows.size());

		startWorker();
		startWorker();
		IngestProcess restart = IngestProcess.start(this.work, env(Map.of()), "--restart");
		assertThat(restart.awaitExit(PROCESS_DEADLINE)).as(restart.output()).isZero();
		assertEveryRowIndexedOnce(rows);
		long restarted = this.database.count("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION");
		List<String> rerun = this.database.jdbc()
			.sql("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = :id AND STEP_NAME LIKE 'ingestQueuedItems:%' ORDER BY STEP_NAME")
			.param("id", restarted)
			.query(String.class)
			.list();
		assertThat(rerun).containsExactlyElementsOf(named);
		// The failed run's requests were still queued when the workers came back: ignored, not run.
		String workerLogs = this.workers.get(0).output() + this.workers.get(1).output();
		assertThat(workerLogs).contains("ignoring the request for ingestQueuedItems:partition");
	}

	@Test
	@Order(3)
	void poisonRequestsAreDeadLetteredOrIgnoredNeverRedelivered() throws Exception {
		long completed = this.database.count(
				"SELECT MAX(STEP_EXECUTION_ID) FROM BATCH_STEP_EXECUTION WHERE STATUS = 'COMPLETED' AND STEP_NAME LIKE 'ingestQueuedItems:%'");
		this.broker.publish("ingest.partitions", "{\"stepName\":\"noSuchStep\",\"stepExecutionId\":" + completed + "}");
		this.broker.publish("ingest.partitions", "not json at all");
		this.broker.publish("ingest.partitions",
				"{\"stepName\":\"ingestQueuedItems\",\"stepExecutionId\":" + completed + "}");

		await("two poison requests dead-lettered", () -> ready("ingest.partitions.dlq") == 2);
		await("the completed partition's request ignored", () -> (this.workers.get(0).output()
				+ this.workers.get(1).output()).contains("(step execution " + completed + "): the partition is COMPLETED"));
		await("the request queue empty", () -> ready("ingest.partitions") == 0);
		assertThat(ready("ingest.partitions.dlq")).isEqualTo(2);
		assertThat(this.database.count("SELECT STATUS = 'COMPLETED' FROM BATCH_STEP_EXECUTION WHERE STEP_EXECUTION_ID = "
				+ completed)).isEqualTo(1);
	}

	@Test
	@Order(4)
	void aManagerKilledMidRunLeavesItsPartitionsToTheWorkersAndRestartCompletesTheRun() throws Exception {
		List<Long> rows = queueDocuments("orphaned", 60);
		IngestProcess manager = IngestProcess.start(this.work, env(Map.of()), "run");
		await("rows of the run indexed", () -> count("status = 'indexed' AND id IN (" + ids(rows) + ")") >= 5);
		manager.kill9();
		long killed = lastRun();
		assertThat(count("status <> 'indexed' AND id IN (" + ids(rows) + ")")).as("rows left when the manager died")
			.isPositive();

		// The requests are in the broker, not in the manager: the workers run every partition to its end.
		await("every partition of the dead run completed by the workers",
				() -> partitions(killed, "COMPLETED") == PARTITIONS);
		assertEveryRowIndexedOnce(rows);
		IngestProcess restart = IngestProcess.start(this.work, env(Map.of()), "--restart");
		assertThat(restart.awaitExit(PROCESS_DEADLINE)).as(restart.output()).isZero();
		assertThat(restart.output()).contains("job execution " + killed + " was left STARTED by a dead run");
		assertEveryRowIndexedOnce(rows);
		long restarted = lastRun();
		assertThat(restarted).isGreaterThan(killed);
		assertThat(runStatus(killed)).isEqualTo("FAILED");
		assertThat(runStatus(restarted)).isEqualTo("COMPLETED");
	}

	@Test
	@Order(5)
	void aBrokerDropMidRunLosesAndDuplicatesNothing() throws Exception {
		List<Long> rows = queueDocuments("dropped", 60);
		int seen0 = this.workers.get(0).output().length();
		int seen1 = this.workers.get(1).output().length();
		IngestProcess manager = IngestProcess.start(this.work, env(Map.of()), "run");
		await("rows of the run indexed and in hand", () -> count("status = 'indexed' AND id IN (" + ids(rows) + ")") >= 5
				&& count("status = 'processing' AND id IN (" + ids(rows) + ")") > 0);
		// Every connection of our vhost, manager's and workers': what clients see of a broker restart.
		this.broker.closeAllConnections();
		long run = lastRun();

		assertThat(manager.awaitExit(PROCESS_DEADLINE)).as(manager.output()).isZero();
		assertEveryRowIndexedOnce(rows);
		assertThat(runStatus(run)).isEqualTo("COMPLETED");
		assertThat(partitions(run, "COMPLETED")).isEqualTo(PARTITIONS);
		await("both workers consuming again", () -> consumers("ingest.partitions") == this.workers.size());
		// The requests in hand at the drop lost their acknowledgement and came back; their partitions
		// had gone on to COMPLETED on the workers that held them, so they were ignored, not run twice.
		assertThat(this.workers.get(0).output().substring(seen0) + this.workers.get(1).output().substring(seen1))
			.containsPattern("ignoring the request for ingestQueuedItems:partition\\d+ \\(step execution \\d+\\): "
					+ "the partition is COMPLETED, its run " + run + " ");
	}

	@Test
	@Order(6)
	void aWorkerStoppedBySigtermFinishesItsItemInHandAndAnotherWorkerFinishesItsPartition() throws Exception {
		IngestProcess victim = this.workers.get(0);
		IngestProcess other = this.workers.get(1);
		int victimSeen = victim.output().length();
		int otherSeen = other.output().length();
		List<Long> rows = queueDocuments("terminated", 120);
		IngestProcess manager = IngestProcess.start(this.work, env(Map.of()), "run");

		Matcher started = awaitMatch(victim, victimSeen, "partition (ingestQueuedItems:partition(\\d+)) of run (\\d+) .*started on");
		String partition = started.group(1);
		String share = "MOD(id, " + PARTITIONS + ") = " + started.group(2) + " AND id IN (" + ids(rows) + ")";
		await("rows of " + partition + " in hand", () -> count("status = 'processing' AND " + share) > 0);
		victim.sigterm();
		assertThat(victim.awaitExit(PROCESS_DEADLINE)).as(victim.output()).isEqualTo(143);
		this.workers.remove(victim);
		assertThat(victim.output().substring(victimSeen))
			.contains("partition " + partition + " of run " + started.group(3)
					+ ": stopped after the item in hand and handed back for redelivery");

		assertThat(manager.awaitExit(PROCESS_DEADLINE)).as(manager.output()).isZero();
		assertEveryRowIndexedOnce(rows);
		assertThat(runStatus(Long.parseLong(started.group(3)))).isEqualTo("COMPLETED");
		assertThat(other.output().substring(otherSeen))
			.containsPattern("partition " + partition + " of run " + started.group(3) + " .*started on");
	}

	private void startWorker() {
		this.workers.add(IngestProcess.start(this.work, env(Map.of()), "worker"));
	}

	private Map<String, String> env(Map<String, String> extra) {
		Map<String, String> env = new LinkedHashMap<>(this.database.env());
		env.put("INGEST_STORAGE_DIR", this.queue.storage().toString());
		env.put("INGEST_BROKER_URL", this.broker.url());
		env.put("INGEST_PARTITIONS", String.valueOf(PARTITIONS));
		env.put("INGEST_PARTITION_POLL_INTERVAL", "200ms");
		env.put("INGEST_PARTITION_TIMEOUT", "150s");
		env.put("INGEST_STALE_AFTER", "3s");
		env.put("INGEST_EMBEDDING", "ollama");
		env.put("INGEST_OLLAMA_URL", this.ollama.url());
		env.put("INGEST_CONCURRENCY", "2");
		env.put("INGEST_MANAGEMENT_PORT", "0");
		env.putAll(extra);
		return env;
	}

	private List<Long> queueDocuments(String prefix, int count) throws Exception {
		List<Long> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String path = this.queue.writeText(prefix + "/doc" + i + ".txt",
					"Document " + i + " of " + prefix + ": a short text about scaling out, number " + i + ".");
			rows.add(this.queue.queueNew(path));
		}
		return rows;
	}

	private static String ids(List<Long> rows) {
		return rows.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();
	}

	private long lastRun() {
		return this.database.count("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION");
	}

	private String runStatus(long run) {
		return this.database.jdbc()
			.sql("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = :id")
			.param("id", run)
			.query(String.class)
			.single();
	}

	private long partitions(long run, String status) {
		return this.database.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = " + run
				+ " AND STEP_NAME LIKE 'ingestQueuedItems:%' AND STATUS = '" + status + "'");
	}

	private void assertEveryRowIndexedOnce(List<Long> rows) {
		String ids = ids(rows);
		assertThat(count("id IN (" + ids + ") AND status = 'indexed'")).isEqualTo(rows.size());
		assertThat(count("status = 'processing'")).isZero();
		assertThat(this.database.count("""
				SELECT COUNT(*) FROM ingestion_queue_item q WHERE q.id IN (%s) AND 1 <> (SELECT COUNT(*)
				FROM document_version v WHERE v.document_node_id = q.document_node_id)""".formatted(ids)))
			.as("documents without exactly one version (a duplicate chunk set)").isZero();
		assertThat(this.database.count("""
				SELECT COUNT(*) FROM ingestion_queue_item q WHERE q.id IN (%s) AND 1 <> (SELECT COUNT(*)
				FROM document_version v WHERE v.document_node_id = q.document_node_id AND v.is_active = TRUE)""".formatted(ids)))
			.as("documents without exactly one active version").isZero();
		assertThat(this.database.count("""
				SELECT COUNT(*) FROM (SELECT document_version_id, chunk_index FROM document_chunk
				GROUP BY document_version_id, chunk_index HAVING COUNT(*) > 1) d""")).as("duplicate chunks").isZero();
	}

	private long count(String where) {
		return this.database.count("SELECT COUNT(*) FROM ingestion_queue_item WHERE " + where);
	}

	private long consumers(String queueName) {
		try {
			return this.broker.consumers(queueName);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long ready(String queueName) {
		try {
			return this.broker.ready(queueName);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> partitionNames(String text) {
		List<String> names = new ArrayList<>();
		Matcher matcher = Pattern.compile("ingestQueuedItems:partition\\d+").matcher(text);
		while (matcher.find()) {
			names.add(matcher.group());
		}
		names.sort(null);
		return names;
	}

	private static Matcher awaitMatch(IngestProcess process, String regex) {
		return awaitMatch(process, 0, regex);
	}

	/** The first match of {@code regex} in what {@code process} printed after its first {@code seen} characters. */
	private static Matcher awaitMatch(IngestProcess process, int seen, String regex) {
		Pattern pattern = Pattern.compile(regex);
		await("/" + regex + "/ in the output", () -> pattern.matcher(process.output().substring(seen)).find());
		Matcher matcher = pattern.matcher(process.output().substring(seen));
		assertThat(matcher.find()).isTrue();
		return matcher;
	}

	/** Polls with a deadline that only keeps a broken run from hanging the build. */
	private static void await(String what, BooleanSupplier condition) {
		Instant deadline = Instant.now().plus(PROCESS_DEADLINE);
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				fail("timed out waiting for " + what);
			}
			IngestProcess.pause(20);
		}
	}

}
