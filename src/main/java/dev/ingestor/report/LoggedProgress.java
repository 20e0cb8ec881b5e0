package dev.ingestor.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress for output that is not a terminal: a plain log line every {@link #EVERY_ITEMS} items
 * or every {@link #EVERY} (whichever comes first), and one at the end, so cron mail and journald
 * get a heartbeat without a line per item.
 */
public final class LoggedProgress implements ProgressDisplay {

	/** Items between two progress lines. */
	static final int EVERY_ITEMS = 100;

	/** Longest silence between two progress lines while items keep moving. */
	static final Duration EVERY = Duration.ofSeconds(30);

	private static final Logger log = LoggerFactory.getLogger(LoggedProgress.class);

	private final Clock clock;

	private Instant lastLine;

	private long lastDone;

	public LoggedProgress(Clock clock) {
		this.clock = clock;
		this.lastLine = clock.instant();
	}

	@Override
	public void update(Progress.Snapshot progress) {
		if (isDue(progress)) {
			log.info("progress: {}", progress.describe());
			this.lastLine = this.clock.instant();
			this.lastDone = progress.done();
		}
	}

	/** Whether enough items or enough time have passed since the last line. */
	boolean isDue(Progress.Snapshot progress) {
		return progress.done() - this.lastDone >= EVERY_ITEMS
				|| !this.clock.instant().isBefore(this.lastLine.plus(EVERY));
	}

	@Override
	public void finish(Progress.Snapshot progress) {
		log.info("progress: done, {}", progress.describe());
	}

}
