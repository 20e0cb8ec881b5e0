package dev.ingestor.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's patience with an outage (embedding server, storage directory): after a run stopped
 * on one, wait the poll interval doubled per consecutive outage, capped, and then probe before the
 * next run may take a row, so that an outage fails at most the one row in hand.
 */
class OutageBackoff {

	private static final Logger log = LoggerFactory.getLogger(OutageBackoff.class);

	private final OutageProbe probe;

	private final Clock clock;

	private final Duration first;

	private final Duration cap;

	private int outages;

	private Instant nextProbe;

	OutageBackoff(OutageProbe probe, Clock clock, Duration first, Duration cap) {
		this.probe = probe;
		this.clock = clock;
		this.first = first;
		this.cap = cap;
	}

	/** A run stopped on an outage: wait longer before the next probe. */
	void outage(String what) {
		this.outages++;
		Duration wait = delay(this.outages);
		this.nextProbe = this.clock.instant().plus(wait);
		log.warn("outage: {}; backing off {} (outage poll {}), then probing before the next run", what, wait,
				this.outages);
	}

	/** Whether a run may start now: no outage, or its backoff is over and the probe finds all well. */
	boolean mayRun() {
		if (this.nextProbe == null) {
			return true;
		}
		if (this.clock.instant().isBefore(this.nextProbe)) {
			log.debug("backing off until {}", this.nextProbe);
			return false;
		}
		Optional<String> problem = this.probe.problem();
		if (problem.isPresent()) {
			outage(problem.get());
			return false;
		}
		log.info("outage over after {} backoff(s): the probe finds storage and embedding server ready", this.outages);
		this.outages = 0;
		this.nextProbe = null;
		return true;
	}

	/** The wait after the n-th consecutive outage: the first delay doubled n-1 times, at most the cap. */
	Duration delay(int outage) {
		Duration wait = this.first;
		for (int i = 1; i < outage && wait.compareTo(this.cap) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(this.cap) > 0) ? this.cap : wait;
	}

}
