package dev.ingestor.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.ingestor.queue.QueueRepository;
import dev.ingestor.queue.Reservation;
import dev.ingestor.queue.ReservationLostException;

/**
 * One document's heartbeat: renews its reservation when the last renewal is older than
 * {@code every}, not at every call. The processor calls it after each stage and each embedding
 * request; renewing each time cost a committed transaction per call, most of a small
 * document's database time, to keep fresh a row that a run only counts stale after
 * {@code INGEST_STALE_AFTER}. Fencing does not depend on it: the writer's final status write is
 * fenced by the token whatever the heartbeat said.
 */
final class Heartbeat implements Runnable {

	/** Renewals per {@code INGEST_STALE_AFTER}: a live row is never near the stale age. */
	static final int RENEWALS_PER_STALE_AGE = 20;

	private final QueueRepository queue;

	private final Reservation reservation;

	private final Clock clock;

	private final Duration every;

	/** The reservation itself set {@code heartbeat_at}. */
	private Instant renewed;

	Heartbeat(QueueRepository queue, Reservation reservation, Clock clock, Duration staleAfter) {
		this.queue = queue;
		this.reservation = reservation;
		this.clock = clock;
		this.every = staleAfter.dividedBy(RENEWALS_PER_STALE_AGE);
		this.renewed = clock.instant();
	}

	/** Renews when due; a lost reservation ends the document's work here. */
	@Override
	public void run() {
		Instant now = this.clock.instant();
		if (Duration.between(this.renewed, now).compareTo(this.every) < 0) {
			return;
		}
		if (!this.queue.heartbeat(this.reservation)) {
			throw new ReservationLostException(this.reservation.itemId());
		}
		this.renewed = now;
	}

}
