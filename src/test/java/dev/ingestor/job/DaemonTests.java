package dev.ingestor.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import dev.ingestor.support.H2JobTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The daemon's scheduler in the real context (profile {@code daemon}) on H2, polling every 200 ms once started. */
@ActiveProfiles("daemon")
class DaemonTests extends H2JobTestBase {

	static final Path INBOX = newInbox();

	@Autowired
	Daemon daemon;

	@DynamicPropertySource
	static void daemon(DynamicPropertyRegistry registry) {
		registry.add("ingest.poll-interval", () -> "200ms");
		registry.add("ingest.inbox-dir", INBOX::toString);
		// The daemon profile may serve a management port: any free one, beside other contexts.
		registry.add("server.port", () -> "0");
	}

	@Test
	void idlePollsCreateNoJobExecutionAndQueuedWorkIsIndexed() throws IOException {
		assertThat(this.daemon.isRunning()).as("only bin/ingest daemon starts it").isFalse();
		this.daemon.start();
		long before = this.daemon.polls();
		await("three idle polls", () -> this.daemon.polls() >= before + 3);
		assertThat(executions()).isZero();

		long row = this.queue.queueNew(this.queue.writeText("daemon/a.txt", "Queued by a manager."));
		Path dropped = Files.writeString(INBOX.resolve("dropped.md"), "# Dropped into the inbox");
		Files.setLastModifiedTime(dropped, FileTime.from(Instant.now().minusSeconds(60)));

		await("both indexed", () -> this.queue.count(
				"SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'indexed'") == 2);
		assertThat(this.queue.row(row).status()).isEqualTo("indexed");
		assertThat(dropped).doesNotExist();
		long afterWork = this.daemon.polls();
		await("idle again", () -> this.daemon.polls() >= afterWork + 3);
		assertThat(executions()).as("one or two runs, none for idle polls").isBetween(1L, 2L);
		assertThat(this.queue.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS <> 'COMPLETED'")).isZero();
	}

	private long executions() {
		return this.queue.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION");
	}

	/** Polls a condition against a deadline; the daemon works on its own thread. */
	static void await(String what, BooleanSupplier condition) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				fail("timed out waiting for: " + what);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				fail("interrupted waiting for: " + what);
			}
		}
	}

	private static Path newInbox() {
		try {
			return Files.createTempDirectory("ingest-inbox");
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
