package dev.ingestor.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

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
 * The default H2 URL ({@code ./data/ingestor}, AUTO_SERVER) shared by an idle daemon, which opened
 * the file and serves it, and a run in another process: stopping the daemon mid-item is the limit
 * the README states, and the next run recovers at once instead of waiting out a lease.
 */
class H2AutoServerProcessTests {

	static final Duration LAUNCH = Duration.ofSeconds(90);

	@TempDir
	Path work;

	OllamaStub ollama;

	ChildDatabase database;

	QueueFixture queue;

	/** One permit per embedding request that arrived; the stub answers it once the test grants one in {@link #gate}. */
	final Semaphore arrived = new Semaphore(0);

	final Semaphore gate = new Semaphore(0);

	final List<IngestProcess> launched = new ArrayList<>();

	@BeforeEach
	void world() throws Exception {
		this.ollama = OllamaStub.start().beforeEachAnswer(call -> {
			this.arrived.release();
			this.gate.acquireUninterruptibly();
		});
		// The same file the default URL opens from the processes' working directory.
		this.database = ChildDatabase.h2File(this.work.resolve("data"));
		this.queue = new QueueFixture(this.database.jdbc(), this.work.resolve("storage"));
	}

	@AfterEach
	void stop() throws Exception {
		this.gate.release(10_000);
		this.launched.forEach(IngestProcess::close);
		this.ollama.close();
		this.database.close();
	}

	@Test
	void stoppingTheDaemonThatServesTheFileUnderARunLeavesNothingTheNextRunCannotRecoverAtOnce() throws Exception {
		// A long poll interval: the daemon polls once (idle) and then only serves the file.
		IngestProcess daemon = launch("daemon");
		daemon.awaitOutput("poll: nothing queued", LAUNCH);
		List<Long> rows = List.of(
				this.queue.queueNew(this.queue.writeText("auto/a.txt", "First document served by the daemon.")),
				this.queue.queueNew(this.queue.writeText("auto/b.txt", "Second document served by the daemon.")),
				this.queue.queueNew(this.queue.writeText("auto/c.txt", "Third document served by the daemon.")));

		IngestProcess run = launch("run");
		holdTheRunMidItem(run);
		daemon.sigterm();
		assertThat(daemon.awaitExit(Duration.ofSeconds(30))).as(daemon.output()).isEqualTo(143);
		this.gate.release(10_000);
		this.ollama.beforeEachAnswer(call -> {
		});
		// Observed: the run held no connection while it waited, reconnects (AUTO_RECONNECT) and carries
		// on as the file's new server; the README's "H2: several processes on one file" says so.
		assertThat(run.awaitExit(LAUNCH)).as(run.output()).isEqualTo(ExitCodes.OK);

		IngestProcess next = launch("run");
		assertThat(next.awaitExit(LAUNCH)).as(next.output()).isEqualTo(ExitCodes.OK);

		assertThat(rows).allSatisfy(id -> assertThat(this.queue.row(id).status())
			.as("row %d: %s", id, this.queue.row(id).ragMessage()).isEqualTo("indexed"));
		assertThat(this.database.count("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'processing'")).isZero();
		assertThat(this.database.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN "
				+ "('STARTING', 'STARTED', 'STOPPING')")).isZero();
	}

	/** Lets requests through (a dimension probe) until one arrives while a row is reserved, and holds that one. */
	private void holdTheRunMidItem(IngestProcess run) throws InterruptedException {
		while (true) {
			if (!this.arrived.tryAcquire(LAUNCH.toSeconds(), TimeUnit.SECONDS)) {
				throw new IllegalStateException("no embedding request from the run:\n" + run.output());
			}
			if (this.database.count("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'processing'") > 0) {
				return;
			}
			this.gate.release();
		}
	}

	private IngestProcess launch(String... args) {
		// No SPRING_DATASOURCE_*: the default URL of application.properties, relative to the work dir.
		Map<String, String> env = new LinkedHashMap<>();
		env.put("INGEST_STORAGE_DIR", this.queue.storage().toString());
		env.put("INGEST_EMBEDDING", "ollama");
		env.put("INGEST_OLLAMA_URL", this.ollama.url());
		env.put("INGEST_RETRY_INITIAL_DELAY", "10ms");
		env.put("INGEST_POLL_INTERVAL", "1h");
		env.put("INGEST_MANAGEMENT_PORT", "0");
		IngestProcess process = IngestProcess.start(this.work, env, args);
		this.launched.add(process);
		return process;
	}

}
