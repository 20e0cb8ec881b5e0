package dev.ingestor.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.ingestor.support.ChildDatabase;
import dev.ingestor.support.IngestProcess;
import dev.ingestor.support.OllamaStub;
import dev.ingestor.support.QueueFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety proved on the packaged application, run as child processes against a slow
 * embedding server: real {@code kill -9} at several points, SIGTERM, four launches at once and
 * a poison row. Subclasses pick the database (H2 file, MariaDB).
 */
abstract class CrashSafetyScenarios {

	static final Duration LAUNCH = Duration.ofSeconds(90);

	static final Duration GRACE = Duration.ofSeconds(20);

	static final int DOCUMENTS = 5;

	@TempDir
	Path work;

	OllamaStub ollama;

	ChildDatabase database;

	QueueFixture queue;

	private final List<IngestProcess> launched = new ArrayList<>();

	/** A fresh, migrated database for one test. */
	abstract ChildDatabase createDatabase(Path dir) throws Exception;

	@BeforeEach
	void startWorld() throws Exception {
		this.ollama = OllamaStub.start().delayEachAnswer(Duration.ofMillis(150));
		this.database = createDatabase(this.work.resolve("db"));
		this.queue = new QueueFixture(this.database.jdbc(), this.work.resolve("storage"));
	}

	@AfterEach
	void stopWorld() throws Exception {
		this.launched.forEach(IngestProcess::close);
		this.ollama.close();
		this.database.close();
	}

	@Test
	void killNineAtSeveralPointsThenRestartsEndLikeACleanRun() throws Exception {
		List<Long> cleanRows = queueDocuments("clean");
		run("run");
		Map<Integer, Long> clean = chunkCounts(cleanRows);
		List<Long> rows = queueDocuments("crash");
		List<Long> killed = new ArrayList<>();

		// 1. Early: the first row has just been reserved.
		IngestProcess early = launch("run");
		killed.add(executionOf(early));
		early.awaitOutput("item \\d+ reserved", LAUNCH);
		early.kill9();

		// 2. Mid-embedding: a few slow embedding calls into the restarted run.
		IngestProcess midEmbedding = launch("--restart");
		killed.add(executionOf(midEmbedding));
		int before = this.ollama.calls().size();
		awaitCalls(before + 3);
		midEmbedding.kill9();

		// 3. During the write: the last embedding answer of a document has just been sent.
		AtomicReference<IngestProcess> writing = new AtomicReference<>();
		this.ollama.afterEachAnswer(call -> {
			IngestProcess target = writing.get();
			if (target != null && call.inputs().stream().anyMatch(text -> text.contains("END OF DOCUMENT"))) {
				target.kill9();
			}
		});
		writing.set(launch("run"));
		killed.add(executionOf(writing.get()));
		assertThat(writing.get().awaitExit(LAUNCH)).as("killed by SIGKILL").isEqualTo(137);
		this.ollama.afterEachAnswer(call -> {
		});

		assertThat(runUntilDone(List.of("--restart", "run"))).isTrue();

		assertEveryRowIndexedOnce(rows);
		assertThat(chunkCounts(rows)).isEqualTo(clean);
		for (long execution : killed) {
			assertThat(status(execution)).as("execution %d after kill -9", execution).isEqualTo("FAILED");
		}
		assertThat(this.database.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN "
				+ "('STARTING', 'STARTED', 'STOPPING')")).isZero();
		assertThat(this.database.count("SELECT COUNT(*) FROM ingestion_log WHERE message LIKE "
				+ "'recovered after an interrupted run%'")).isGreaterThanOrEqualTo(1);
	}

	@Test
	void restartAndRunRightAfterKillNineProceedAtOnce() throws Exception {
		List<Long> first = queueDocuments("restart");
		IngestProcess killed = launch("run");
		long execution = executionOf(killed);
		killed.awaitOutput("item \\d+ reserved", LAUNCH);
		killed.kill9();

		IngestProcess restart = launch("--restart");
		assertThat(restart.awaitExit(LAUNCH)).as(restart.output()).isZero();
		assertThat(restart.output()).contains("is gone (killed or crashed); taking the lock over")
			.contains("restarting job execution " + execution);
		assertEveryRowIndexedOnce(first);

		List<Long> second = queueDocuments("again");
		IngestProcess killedAgain = launch("run");
		killedAgain.awaitOutput("item \\d+ reserved", LAUNCH);
		killedAgain.kill9();

		IngestProcess run = launch("run");
		assertThat(run.awaitExit(LAUNCH)).as(run.output()).isZero();
		assertThat(run.output()).contains("taking the lock over");
		assertEveryRowIndexedOnce(second);
	}

	@Test
	void sigtermMidRunStopsWithinTheGracePeriodAndRestartCompletes() throws Exception {
		List<Long> rows = queueDocuments("term");
		IngestProcess worker = launch("run");
		long execution = executionOf(worker);
		awaitCalls(3);

		long signalled = System.nanoTime();
		worker.sigterm();
		int exit = worker.awaitExit(GRACE.plusSeconds(10));
		Duration took = Duration.ofNanos(System.nanoTime() - signalled);

		assertThat(took).isLessThan(GRACE);
		assertThat(exit).as(worker.output()).isEqualTo(ExitCodes.STOPPED);
		assertThat(worker.output()).contains("stopped (job execution " + execution + ")")
			.contains("job execution " + execution + " ended STOPPED");
		assertThat(status(execution)).isEqualTo("STOPPED");
		assertThat(this.database.count("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'processing'"))
			.isZero();
		assertThat(this.database.count("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'indexed'"))
			.isLessThan(DOCUMENTS);
		assertThat(this.database.count("SELECT COUNT(*) FROM shedlock WHERE lock_until > CURRENT_TIMESTAMP(3)"))
			.as("run lock released").isZero();

		IngestProcess restart = launch("--restart");
		assertThat(restart.awaitExit(LAUNCH)).as(restart.output()).isZero();
		assertThat(restart.output()).contains("restarting job execution " + execution + " (STOPPED)");
		assertEveryRowIndexedOnce(rows);
	}

	@Test
	void fourLaunchesAtOnceRunExactlyOne() throws Exception {
		List<Long> rows = queueDocuments("four");
		List<IngestProcess> four = new ArrayList<>();
		Map<Integer, Integer> exits = new HashMap<>();
		try (Connection held = this.database.holdOpen()) {
			for (int i = 0; i < 4; i++) {
				four.add(launch("run"));
			}
			for (IngestProcess process : four) {
				exits.merge(process.awaitExit(LAUNCH.multipliedBy(2)), 1, Integer::sum);
			}
		}

		assertThat(exits).as(() -> four.stream().map(IngestProcess::output).reduce("", String::concat))
			.isEqualTo(Map.of(0, 1, 3, 3));
		assertThat(four.stream().filter(p -> p.output().contains("skipped: another run holds the lock"))).hasSize(3);
		assertThat(this.database.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isEqualTo(1);
		assertEveryRowIndexedOnce(rows);
	}

	@Test
	void rowThatKeepsKillingTheWorkerFailsAfterMaxAttempts() throws Exception {
		long poison = this.queue.queueNew(this.queue.writeText("poison/poison.txt", document(0)));
		long healthy = this.queue.queueNew(this.queue.writeText("poison/healthy.txt", document(1)));
		Map<String, String> env = Map.of("INGEST_MAX_ATTEMPTS", "2");
		for (int attempt = 0; attempt < 2; attempt++) {
			IngestProcess worker = launch(env, "run");
			worker.awaitOutput("item " + poison + " reserved", LAUNCH);
			worker.kill9();
		}

		IngestProcess last = launch(env, "run");
		assertThat(last.awaitExit(LAUNCH)).as(last.output()).isZero();

		QueueFixture.Row row = this.queue.row(poison);
		assertThat(row.status()).isEqualTo("failed");
		assertThat(row.ragMessage()).isEqualTo("gave up after 2 interrupted attempts");
		assertThat(this.queue.logMessages(poison)).anyMatch(m -> m.startsWith("recovered after an interrupted run"))
			.contains("gave up after 2 interrupted attempts");
		assertThat(this.queue.row(healthy).status()).isEqualTo("indexed");
	}

	// ---- helpers -------------------------------------------------------------------------

	IngestProcess launch(String... args) {
		return launch(Map.of(), args);
	}

	IngestProcess launch(Map<String, String> extra, String... args) {
		Map<String, String> env = new LinkedHashMap<>(this.database.env());
		env.put("INGEST_STORAGE_DIR", this.queue.storage().toString());
		env.put("INGEST_EMBEDDING", "ollama");
		env.put("INGEST_OLLAMA_URL", this.ollama.url());
		env.put("INGEST_EMBEDDING_BATCH_SIZE", "2");
		env.put("INGEST_MAX_CHUNK_TOKENS", "40");
		env.put("INGEST_CHUNK_OVERLAP_TOKENS", "8");
		// The default lease: a dead holder must be known at once, not when its lease lapses.
		env.put("INGEST_LOCK_LEASE", "2m");
		env.put("INGEST_MAX_ATTEMPTS", "10");
		env.put("INGEST_SHUTDOWN_GRACE", GRACE.toSeconds() + "s");
		// Several documents in flight: every kill, stop and restart meets more than one reserved row.
		env.put("INGEST_CONCURRENCY", "3");
		env.putAll(extra);
		IngestProcess process = IngestProcess.start(this.work, env, args);
		this.launched.add(process);
		return process;
	}

	/** Runs to the end, successfully. */
	void run(String... args) {
		IngestProcess process = launch(args);
		assertThat(process.awaitExit(LAUNCH)).as(process.output()).isZero();
	}

	/**
	 * Launches (alternating the given commands) until a run ends with exit 0 and nothing is left
	 * queued or processing. The run lock sees at once that a killed holder is gone, so no launch
	 * may exit 3.
	 */
	boolean runUntilDone(List<String> commands) {
		for (int attempt = 0; attempt < 6; attempt++) {
			IngestProcess process = launch(commands.get(attempt % commands.size()));
			int exit = process.awaitExit(LAUNCH);
			assertThat(exit).as(process.output()).isZero();
			if (exit == 0 && this.database.count("SELECT COUNT(*) FROM ingestion_queue_item WHERE status IN "
					+ "('queued', 'processing')") == 0) {
				return true;
			}
		}
		return false;
	}

	long executionOf(IngestProcess process) {
		return Long.parseLong(process.awaitOutput("job execution (\\d+) started", LAUNCH));
	}

	void awaitCalls(int count) {
		long deadline = System.nanoTime() + LAUNCH.toNanos();
		while (this.ollama.calls().size() < count) {
			assertThat(System.nanoTime()).as("embedding calls").isLessThan(deadline);
			IngestProcess.pause(10);
		}
	}

	String status(long execution) {
		return this.database.jdbc()
			.sql("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = :id")
			.param("id", execution)
			.query(String.class)
			.single();
	}

	List<Long> queueDocuments(String prefix) throws Exception {
		List<Long> rows = new ArrayList<>();
		for (int i = 0; i < DOCUMENTS; i++) {
			rows.add(this.queue.queueNew(this.queue.writeText(prefix + "/doc-" + i + ".txt", document(i))));
		}
		return rows;
	}

	/** Document {@code i}: a dozen paragraphs (a dozen chunks, six slow calls), marked at its end. */
	static String document(int i) {
		StringBuilder text = new StringBuilder();
		for (int p = 0; p < 12; p++) {
			text.append("Paragraph ").append(p).append(" of document ").append(i)
				.append(" explains how a queue row becomes chunks, how every chunk is embedded by a slow server,")
				.append(" and why the worker must survive being killed at any moment without losing rows.\n\n");
		}
		return text.append("END OF DOCUMENT ").append(i).append('\n').toString();
	}

	/** Active chunks per document number, for the rows given (in document order). */
	Map<Integer, Long> chunkCounts(List<Long> rows) {
		Map<Integer, Long> counts = new LinkedHashMap<>();
		for (int i = 0; i < rows.size(); i++) {
			counts.put(i, this.queue.activeChunks(this.queue.row(rows.get(i)).nodeId()));
		}
		return counts;
	}

	void assertEveryRowIndexedOnce(List<Long> rows) {
		for (long id : rows) {
			QueueFixture.Row row = this.queue.row(id);
			assertThat(row.status()).as("row %d: %s", id, row.ragMessage()).isEqualTo("indexed");
			assertThat(this.queue.activeVersions(row.nodeId())).as("active versions of row %d", id).isEqualTo(1);
			assertThat(this.queue.count("SELECT COUNT(*) FROM document_version WHERE document_node_id = "
					+ row.nodeId())).as("versions of row %d", id).isEqualTo(1);
			assertThat(this.queue.activeChunks(row.nodeId())).isPositive();
		}
		assertThat(this.database.count("""
				SELECT COUNT(*) FROM (SELECT document_version_id, chunk_index FROM document_chunk
				GROUP BY document_version_id, chunk_index HAVING COUNT(*) > 1) d""")).as("duplicate chunks").isZero();
		assertThat(this.database.count("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'processing'"))
			.isZero();
	}

}
