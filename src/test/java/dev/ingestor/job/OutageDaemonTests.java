package dev.ingestor.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.support.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unmounted storage directory is an outage: the run stops after failing the one row in hand,
 * and the daemon backs off and probes instead of failing one more row at every poll.
 */
@ActiveProfiles("daemon")
@Import(OutageDaemonTests.Clocks.class)
class OutageDaemonTests extends H2JobTestBase {

	static final Duration POLL = Duration.ofSeconds(10);

	@Autowired
	Daemon daemon;

	@Autowired
	MutableClock clock;

	@DynamicPropertySource
	static void daemon(DynamicPropertyRegistry registry) {
		registry.add("ingest.poll-interval", () -> POLL.toSeconds() + "s");
		registry.add("ingest.outage-max-backoff", () -> "40s");
		registry.add("server.port", () -> "0");
	}

	@Test
	void anUnmountedStorageFailsOneRowThenTheDaemonBacksOffProbesAndResumesWhenItIsBack() throws IOException {
		List<Long> rows = List.of(queued("one"), queued("two"), queued("three"));
		Path saved = Files.createTempDirectory("unmounted");
		moveAll(this.queue.storage(), saved);

		this.daemon.poll();
		this.daemon.poll();
		this.daemon.poll();

		// With documents in flight, any one of them may be the one that meets the outage first.
		List<Long> failed = rows.stream().filter(id -> this.queue.row(id).status().equals("failed")).toList();
		assertThat(failed).as("exactly one row in hand fails").hasSize(1);
		long inHand = failed.get(0);
		List<Long> others = rows.stream().filter(id -> id != inHand).toList();
		assertThat(this.queue.row(inHand).ragMessage()).startsWith("storage directory ").endsWith("is empty (not mounted?)");
		assertThat(statuses(others)).containsOnly("queued");
		assertThat(this.queue.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).as("no launch while backing off").isEqualTo(1);

		this.clock.advance(POLL.plusSeconds(1));
		this.daemon.poll();
		assertThat(this.queue.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).as("the probe failed: no launch").isEqualTo(1);
		assertThat(statuses(others)).containsOnly("queued");

		moveAll(saved, this.queue.storage());
		this.clock.advance(POLL.plusSeconds(1));
		this.daemon.poll();
		assertThat(statuses(others)).as("still backing off (doubled)").containsOnly("queued");
		this.clock.advance(POLL.plusSeconds(1));
		this.daemon.poll();

		assertThat(statuses(others)).containsOnly("indexed");
		assertThat(this.queue.row(inHand).status()).isEqualTo("failed");
	}

	private long queued(String name) throws IOException {
		return this.queue.queueNew(this.queue.writeText("outage/" + name + ".txt", "Document " + name + "."));
	}

	private List<String> statuses(List<Long> rows) {
		return rows.stream().map(id -> this.queue.row(id).status()).toList();
	}

	private static void moveAll(Path from, Path to) throws IOException {
		try (Stream<Path> entries = Files.list(from)) {
			for (Path entry : entries.sorted(Comparator.naturalOrder()).toList()) {
				Files.move(entry, to.resolve(entry.getFileName()));
			}
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
		}

	}

}
