package dev.ingestor.report;

import java.time.Clock;
import java.util.Optional;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The progress display of {@code bin/ingest serve}: logs like {@link LoggedProgress} and keeps the
 * latest snapshot, which the console's overview polls.
 */
@Component
@Profile("serve")
public class LiveProgress implements ProgressDisplay {

	private final LoggedProgress logged;

	private volatile Progress.Snapshot latest;

	LiveProgress(Clock clock) {
		this.logged = new LoggedProgress(clock);
	}

	@Override
	public void update(Progress.Snapshot progress) {
		this.latest = progress;
		this.logged.update(progress);
	}

	@Override
	public void finish(Progress.Snapshot progress) {
		this.latest = null;
		this.logged.finish(progress);
	}

	/** The running step's progress; empty between runs. */
	public Optional<Progress.Snapshot> current() {
		return Optional.ofNullable(this.latest);
	}

}
