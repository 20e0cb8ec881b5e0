package dev.ingestor.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.ingestor.support.MySqlDatabase;
import dev.ingestor.support.TestPdfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code java -jar rag-ingestor.jar daemon} as operators run it, against MariaDB: idle polls
 * leave no job execution, files from {@code enqueue} and from the inbox get indexed, runs never
 * overlap, and SIGTERM ends it cleanly within 30 s.
 */
class DaemonProcessTests {

	static final Path JAR = Path.of("target/rag-ingestor.jar").toAbsolutePath();

	@TempDir
	Path work;

	MySqlDatabase database;

	Process daemon;

	Path log;

	@BeforeEach
	void database() {
		assertThat(JAR).as("the packaged jar (failsafe runs after package)").exists();
		this.database = MySqlDatabase.create("daemon");
	}

	@AfterEach
	void cleanUp() throws Exception {
		if (this.daemon != null && this.daemon.isAlive()) {
			this.daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	void pollsIdleWithoutRunsIndexesWhatArrivesAndStopsOnSigterm() throws Exception {
		Path inbox = Files.createDirectories(this.work.resolve("inbox"));
		// Kept under target/ after the run: the evidence when this fails in CI.
		this.log = Files.createDirectories(Path.of("target", "process-tests")).resolve("daemon.log");
		this.daemon = ingest(List.of("daemon")).redirectOutput(this.log.toFile()).start();

		await("three idle polls", Duration.ofSeconds(120), () -> count(logText(), "poll: nothing queued") >= 3);
		assertThat(query("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isZero();

		Path a = Files.writeString(this.work.resolve("a.md"), "# Alpha\n\nQueued with bin/ingest enqueue.\n");
		Path b = Files.writeString(this.work.resolve("b.txt"), "Bravo, queued with bin/ingest enqueue too.");
		runToEnd(List.of("enqueue", a.toString(), b.toString()), "enqueue.log");
		// A producer writes under a temporary name and renames when done, as the README says.
		Path part = Files.writeString(inbox.resolve("c.md.part"), "# Charlie\n\nDropped into the inbox.\n");
		Files.move(part, inbox.resolve("c.md"));

		await("three rows indexed", Duration.ofSeconds(90),
				() -> query("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'indexed'") == 3);
		assertThat(inbox.resolve("c.md")).doesNotExist();
		assertThat(query("SELECT COUNT(*) FROM ingestion_queue_item")).isEqualTo(3);

		// Work that takes a while, and a cron-style `run` launched beside the daemon meanwhile: one
		// of the two gets the run lock, the other exits early (3) or skips a poll; never both at once.
		List<String> enqueueBig = new ArrayList<>(List.of("enqueue"));
		for (int i = 0; i < 4; i++) {
			enqueueBig.add(TestPdfs.textPages(this.work.resolve("big" + i + ".pdf"), 40).toString());
		}
		runToEnd(enqueueBig, "enqueue-big.log");
		Process cron = ingest(List.of("run")).redirectOutput(this.work.resolve("run.log").toFile()).start();
		assertThat(cron.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(cron.exitValue()).as(Files.readString(this.work.resolve("run.log"))).isIn(0, 3);
		await("seven rows indexed", Duration.ofSeconds(120),
				() -> query("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'indexed'") == 7);
		await("idle again", Duration.ofSeconds(30), () -> logText().endsWith("poll: nothing queued\n"));

		Instant signalled = Instant.now();
		this.daemon.destroy();
		assertThat(this.daemon.waitFor(30, TimeUnit.SECONDS)).as("exits within 30 s of SIGTERM").isTrue();
		System.err.println("daemon exited " + this.daemon.exitValue() + " after SIGTERM in "
				+ Duration.between(signalled, Instant.now()).toMillis() + " ms");

		// Idle: 143, the signal's own status (5 would mean it stopped a run, restartable).
		assertThat(this.daemon.exitValue()).as(logText()).isIn(0, 5, 143);
		String daemonLog = logText();
		assertThat(query("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'processing'")).as(daemonLog).isZero();
		assertThat(query("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING')"))
			.as(daemonLog)
			.isZero();
		assertNoOverlappingExecutions();
		assertThat(logText()).contains("daemon started", "poll: rows are queued, launching ingestJob",
				"inbox: queued c.md");
	}

	private void assertNoOverlappingExecutions() throws SQLException {
		List<LocalDateTime[]> runs = new ArrayList<>();
		try (Connection connection = connect(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(
						"SELECT START_TIME, END_TIME FROM BATCH_JOB_EXECUTION ORDER BY START_TIME, JOB_EXECUTION_ID")) {
			while (rs.next()) {
				runs.add(new LocalDateTime[] { rs.getObject(1, LocalDateTime.class),
						rs.getObject(2, LocalDateTime.class) });
			}
		}
		assertThat(runs).as("a run for the first files, one for the PDFs").hasSizeGreaterThanOrEqualTo(2);
		for (int i = 1; i < runs.size(); i++) {
			assertThat(runs.get(i - 1)[1]).as("run %d ended", i - 1).isNotNull();
			assertThat(runs.get(i)[0]).as("run %d starts after run %d ended", i, i - 1)
				.isAfterOrEqualTo(runs.get(i - 1)[1]);
		}
		assertThat(runs.get(runs.size() - 1)[1]).as("the last run ended").isNotNull();
	}

	private void runToEnd(List<String> args, String logName) throws IOException, InterruptedException {
		Path output = this.work.resolve(logName);
		Process process = ingest(args).redirectOutput(output.toFile()).start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s ends", args).isTrue();
		assertThat(process.exitValue()).as(Files.readString(output)).isZero();
	}

	private ProcessBuilder ingest(List<String> args) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.work.toFile()).redirectErrorStream(true);
		Map<String, String> env = builder.environment();
		env.put("SPRING_DATASOURCE_URL", this.database.url());
		env.put("SPRING_DATASOURCE_USERNAME", this.database.user());
		env.put("SPRING_DATASOURCE_PASSWORD", this.database.password());
		env.put("INGEST_STORAGE_DIR", this.work.resolve("storage").toString());
		env.put("INGEST_INBOX_DIR", this.work.resolve("inbox").toString());
		env.put("INGEST_POLL_INTERVAL", "1s");
		// The daemon may serve a management port; any free one, so parallel runs never clash.
		env.put("INGEST_MANAGEMENT_PORT", "0");
		// Idle polls log at DEBUG; environment names are lower-cased, so the package is named, not the class.
		env.put("LOGGING_LEVEL_DEV_INGESTOR_JOB", "DEBUG");
		return builder;
	}

	private long query(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
		catch (SQLException ex) {
			// The tables appear once the daemon's Flyway migration has run.
			return -1;
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.database.url(), this.database.user(), this.database.password());
	}

	private String logText() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static int count(String text, String needle) {
		int n = 0;
		for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
			n++;
		}
		return n;
	}

	private void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (!condition.getAsBoolean()) {
			if (!this.daemon.isAlive()) {
				fail("the daemon exited " + this.daemon.exitValue() + " while waiting for " + what + ":\n" + logText());
			}
			if (Instant.now().isAfter(deadline)) {
				fail("timed out waiting for " + what + ":\n" + logText());
			}
			Thread.sleep(200);
		}
	}

}
