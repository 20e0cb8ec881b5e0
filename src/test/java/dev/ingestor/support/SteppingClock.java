package dev.ingestor.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that advances by a fixed step each time it is read, on each thread separately: time
 * passes with the work done, and documents processed on several threads at once do not move
 * each other's deadlines.
 */
public final class SteppingClock extends Clock {

	private final ThreadLocal<Instant> now;

	private final Duration step;

	public SteppingClock(Instant start, Duration step) {
		this.now = ThreadLocal.withInitial(() -> start);
		this.step = step;
	}

	@Override
	public Instant instant() {
		Instant current = this.now.get();
		this.now.set(current.plus(this.step));
		return current;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
