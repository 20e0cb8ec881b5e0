package dev.ingestor.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How far a run has got: items done out of those queued when it began, the file in hand, chunks
 * per second and the time left at the rate so far. Time comes from the injected clock.
 */
public final class Progress {

	private final Clock clock;

	private final Instant started;

	private final long total;

	private long done;

	private long chunks;

	private String currentFile = "";

	public Progress(Clock clock, long total) {
		this.clock = clock;
		this.started = clock.instant();
		this.total = total;
	}

	/** The item the run works on now. */
	public void working(String storagePath) {
		this.currentFile = storagePath;
	}

	/** One item ended, whatever its outcome, having stored this many chunks. */
	public void done(int storedChunks) {
		this.done++;
		this.chunks += storedChunks;
	}

	public Snapshot snapshot() {
		Duration elapsed = Duration.between(this.started, this.clock.instant());
		double seconds = elapsed.toMillis() / 1000.0;
		double chunksPerSecond = (seconds > 0) ? this.chunks / seconds : 0;
		// Rows queued during the run are read too; the total grows with them rather than going negative.
		long total = Math.max(this.total, this.done);
		Duration eta = null;
		if (this.done > 0) {
			eta = Duration.ofMillis(Math.round((double) elapsed.toMillis() / this.done * (total - this.done)));
		}
		return new Snapshot(this.done, total, this.currentFile, this.chunks, elapsed, chunksPerSecond, eta);
	}

	/**
	 * @param done items ended so far
	 * @param total items queued when the run began (or done, if more)
	 * @param currentFile storage path of the item in hand
	 * @param chunks chunks stored so far
	 * @param elapsed time since the run began
	 * @param chunksPerSecond chunks stored per second of run time
	 * @param eta time left at the rate so far; null until an item has ended
	 */
	public record Snapshot(long done, long total, String currentFile, long chunks, Duration elapsed,
			double chunksPerSecond, Duration eta) {

		/** e.g. {@code 12/40 items, 310 chunks, 5.2 chunks/s, ETA 1m05s, now docs/guide.pdf}. */
		public String describe() {
			return String.format(Locale.ROOT, "%d/%d items, %d chunks, %.1f chunks/s, ETA %s%s", this.done, this.total,
					this.chunks, this.chunksPerSecond, (this.eta != null) ? format(this.eta) : "?",
					this.currentFile.isEmpty() ? "" : ", now " + this.currentFile);
		}

		static String format(Duration duration) {
			long seconds = duration.toSeconds();
			if (seconds < 60) {
				return seconds + "s";
			}
			if (seconds < 3600) {
				return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
			}
			return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
		}

	}

}
