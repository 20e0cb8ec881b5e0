package dev.ingestor.report;

import java.time.Duration;
import java.time.Instant;

import dev.ingestor.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProgressTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T10:00:00Z"));

	@Test
	void rateAndEtaFollowTheItemsDoneSoFar() {
		Progress progress = new Progress(this.clock, 10);
		progress.working("docs/a.pdf");
		this.clock.advance(Duration.ofSeconds(10));
		progress.done(20);
		progress.done(10);

		Progress.Snapshot snapshot = progress.snapshot();

		assertThat(snapshot.done()).isEqualTo(2);
		assertThat(snapshot.total()).isEqualTo(10);
		assertThat(snapshot.chunks()).isEqualTo(30);
		assertThat(snapshot.chunksPerSecond()).isCloseTo(3.0, within(1e-9));
		// 10 s for 2 items: 5 s each, 8 left.
		assertThat(snapshot.eta()).isEqualTo(Duration.ofSeconds(40));
		assertThat(snapshot.describe()).isEqualTo("2/10 items, 30 chunks, 3.0 chunks/s, ETA 40s, now docs/a.pdf");
	}

	@Test
	void etaIsUnknownUntilAnItemEndsAndZeroAtTheEnd() {
		Progress progress = new Progress(this.clock, 2);
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(progress.snapshot().eta()).isNull();
		assertThat(progress.snapshot().chunksPerSecond()).isZero();
		assertThat(progress.snapshot().describe()).contains("ETA ?");

		progress.done(1);
		progress.done(1);
		this.clock.advance(Duration.ofSeconds(95));

		assertThat(progress.snapshot().eta()).isEqualTo(Duration.ZERO);
		assertThat(progress.snapshot().chunksPerSecond()).isCloseTo(0.02, within(1e-9));
	}

	@Test
	void itemsQueuedDuringTheRunGrowTheTotalInsteadOfANegativeEta() {
		Progress progress = new Progress(this.clock, 1);
		this.clock.advance(Duration.ofSeconds(3));
		progress.done(0);
		progress.done(0);

		assertThat(progress.snapshot().total()).isEqualTo(2);
		assertThat(progress.snapshot().eta()).isEqualTo(Duration.ZERO);
	}

	@Test
	void longEtasReadAsMinutesAndHours() {
		assertThat(Progress.Snapshot.format(Duration.ofSeconds(65))).isEqualTo("1m05s");
		assertThat(Progress.Snapshot.format(Duration.ofMinutes(125))).isEqualTo("2h05m");
	}

	@Test
	void loggedProgressIsDueEveryHundredItemsOrEveryThirtySeconds() {
		LoggedProgress logged = new LoggedProgress(this.clock);
		Progress progress = new Progress(this.clock, 1000);
		for (int i = 0; i < 99; i++) {
			progress.done(1);
		}
		assertThat(logged.isDue(progress.snapshot())).isFalse();
		progress.done(1);
		assertThat(logged.isDue(progress.snapshot())).isTrue();
		logged.update(progress.snapshot());
		progress.done(1);
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(logged.isDue(progress.snapshot())).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(logged.isDue(progress.snapshot())).isTrue();
	}

}
