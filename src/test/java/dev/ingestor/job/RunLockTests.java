package dev.ingestor.job;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ingestor.support.H2JobTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The run lock knows a dead holder at once, keeps a live one out, and tells a run that lost it. */
class RunLockTests extends H2JobTestBase {

	@Autowired
	RunLock runLock;

	/** The base class empties shedlock, but ShedLock remembers that its row exists and only updates it. */
	@BeforeEach
	void anExpiredLock() {
		this.jdbc.sql("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) "
				+ "VALUES ('ingestJob', CURRENT_TIMESTAMP(3), CURRENT_TIMESTAMP(3), 'nobody')").update();
	}

	@Test
	void aHolderKilledOnThisHostIsTakenOverAtOnceDespiteItsLongLease() throws Exception {
		Process dead = new ProcessBuilder("true").start();
		LockHolder holder = new LockHolder(LockHolder.hostName(), dead.pid(),
				dead.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L));
		assertThat(dead.waitFor(30, TimeUnit.SECONDS)).isTrue();
		heldForAges(holder.toString());

		Optional<RunLock.Held> held = this.runLock.tryAcquire();

		assertThat(held).isPresent();
		assertThat(lockedBy()).isEqualTo(LockHolder.current().toString());
		held.get().close();
	}

	@Test
	void aLiveHolderOnThisHostKeepsTheLock() {
		ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
		heldForAges(new LockHolder(LockHolder.hostName(), parent.pid(),
				parent.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L)).toString());

		assertThat(this.runLock.tryAcquire()).isEmpty();
	}

	@Test
	void aReusedPidWithAnotherStartTimeIsNotTheHolder() {
		ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
		long otherStart = parent.info().startInstant().orElseThrow().toEpochMilli() - 60_000;
		heldForAges(new LockHolder(LockHolder.hostName(), parent.pid(), otherStart).toString());

		Optional<RunLock.Held> held = this.runLock.tryAcquire();

		assertThat(held).isPresent();
		held.get().close();
	}

	@Test
	void aHolderOnAnotherHostIsLeftToItsLease() {
		heldForAges(new LockHolder("some-other-host", 1, 1).toString());

		assertThat(this.runLock.tryAcquire()).isEmpty();
	}

	@Test
	void aRunWhoseLeaseWasTakenIsToldToStopAndDoesNotReleaseItsSuccessorsLock() {
		AtomicInteger stops = new AtomicInteger();
		RunLock.Held held = this.runLock.tryAcquire(stops::incrementAndGet)
			.orElseThrow();
		// What a successor does once our lease lapsed during a long pause.
		String successor = new LockHolder("successor-host", 42, 42).toString();
		this.jdbc.sql("UPDATE shedlock SET locked_by = :by, lock_until = TIMESTAMP '2999-01-01 00:00:00'")
			.param("by", successor)
			.update();

		held.renew();
		held.close();

		assertThat(held.isLost()).isTrue();
		assertThat(stops).hasValue(1);
		assertThat(lockedBy()).isEqualTo(successor);
		assertThat(this.runLock.tryAcquire()).as("the successor still holds it").isEmpty();
	}

	private void heldForAges(String lockedBy) {
		this.jdbc.sql("UPDATE shedlock SET lock_until = TIMESTAMP '2999-01-01 00:00:00', locked_by = :by")
			.param("by", lockedBy)
			.update();
	}

	private String lockedBy() {
		return this.jdbc.sql("SELECT locked_by FROM shedlock WHERE name = 'ingestJob'").query(String.class).single();
	}

}
