package dev.ingestor.queue;

import java.nio.file.Files;
import java.sql.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import dev.ingestor.support.ChildDatabase;
import dev.ingestor.support.IngestProcess;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The daemon is killed with a real {@code kill -9} at each step of taking an inbox file
 * ({@code INGEST_TEST_KILL_AT}); the next daemon finds the file queued exactly once, in
 * storage, and gone from the inbox.
 */
class InboxCrashProcessTests {

	private static final Duration DEADLINE = Duration.ofMinutes(3);

	@TempDir
	Path work;

	@ParameterizedTest(name = "killed at {0}")
	@EnumSource(InboxTake.Step.class)
	void aKillAtAnyStepNeitherLosesTheFileNorQueuesItTwice(InboxTake.Step step) throws Exception {
		Path inbox = Files.createDirectories(this.work.resolve("inbox"));
		try (ChildDatabase database = ChildDatabase.h2File(this.work.resolve("data"));
				Connection owner = database.holdOpen()) {
			Files.writeString(inbox.resolve("dropped.md"), "# Dropped\n\nInto the inbox, then the worker died.\n");
			Map<String, String> env = new HashMap<>(database.env());
			env.put("INGEST_INBOX_DIR", inbox.toString());
			env.put("INGEST_POLL_INTERVAL", "1s");
			env.put("INGEST_TEST_KILL_AT", step.name());
			try (IngestProcess killed = IngestProcess.start(this.work, env, "daemon")) {
				assertThat(killed.awaitExit(DEADLINE)).as("killed at %s; output:%n%s", step, killed.output())
					.isEqualTo(137);
				assertThat(killed.output()).contains("killing this process at step " + step);
			}
			env.remove("INGEST_TEST_KILL_AT");
			try (IngestProcess next = IngestProcess.start(this.work, env, "daemon")) {
				await(next, () -> isEmpty(inbox) && rows(database) >= 1 && isEmpty(inbox.resolve(InboxTake.TAKING)));
				next.sigterm();
				next.awaitExit(DEADLINE);
			}
			assertThat(rows(database)).as("queued exactly once").isEqualTo(1);
			String stored = database.jdbc().sql("SELECT storage_path FROM ingestion_queue_item").query(String.class).single();
			assertThat(this.work.resolve("data/storage").resolve(stored)).hasContent(
					"# Dropped\n\nInto the inbox, then the worker died.\n");
			assertThat(inbox.resolve("dropped.md")).doesNotExist();
			assertThat(inbox.resolve(Inbox.REJECTED)).doesNotExist();
		}
	}

	private static long rows(ChildDatabase database) {
		return database.count("SELECT COUNT(*) FROM ingestion_queue_item");
	}

	private static boolean isEmpty(Path dir) {
		if (!Files.isDirectory(dir)) {
			return true;
		}
		try (Stream<Path> entries = Files.list(dir)) {
			return entries.noneMatch(path -> !path.getFileName().toString().startsWith("."));
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

	private static void await(IngestProcess process, BooleanSupplier condition) {
		Instant deadline = Instant.now().plus(DEADLINE);
		while (Instant.now().isBefore(deadline)) {
			if (condition.getAsBoolean()) {
				return;
			}
			if (!process.isAlive()) {
				fail("the daemon ended early; output:%n%s", process.output());
			}
			IngestProcess.pause(200);
		}
		fail("not done within %s; output:%n%s", DEADLINE, process.output());
	}

}
