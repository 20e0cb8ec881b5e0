package dev.ingestor.report;

/**
 * Where a run's progress goes. The command line provides a one-line display for a terminal;
 * without one (cron, systemd, tests), {@link LoggedProgress} writes periodic log lines.
 */
public interface ProgressDisplay {

	/** Called whenever the run moves: an item starts or ends. */
	void update(Progress.Snapshot progress);

	/** Called once when the step ends. */
	void finish(Progress.Snapshot progress);

}
