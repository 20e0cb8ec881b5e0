package dev.ingestor.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.ingestor.config.IngestProperties;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One run at a time, across processes and machines: a ShedLock lease in the database, on the
 * database's clock, renewed while the run lives. The lease names its holder (host, pid, process
 * start time), so a contender on the same host sees at once that a holder killed with
 * {@code kill -9} is gone and takes the lock over; a dead holder on another host is known when
 * its lease lapses after {@code ingest.lock-lease}. A holder whose renewal finds the lease taken
 * (it was paused longer than the lease) is told, and stops its run.
 */
@Component
public class RunLock {

	static final String LOCK_NAME = "ingestJob";

	private static final Logger log = LoggerFactory.getLogger(RunLock.class);

	private final JdbcTemplateLockProvider provider;

	private final Duration lease;

	private final JdbcTemplate jdbc;

	private final LockHolder self = LockHolder.current();

	RunLock(JdbcTemplate jdbc, IngestProperties properties) {
		this.provider = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(jdbc)
			.usingDbTime()
			.withLockedByValue(this.self.toString())
			.build());
		this.lease = properties.lockLease();
		this.jdbc = jdbc;
	}

	/** The lock, or empty when another live run holds it. */
	public Optional<Held> tryAcquire() {
		return tryAcquire(() -> {
		});
	}

	/**
	 * The lock, or empty when another live run holds it; {@code onLost} runs if a renewal later
	 * finds the lease taken by another run.
	 */
	public Optional<Held> tryAcquire(Runnable onLost) {
		Optional<SimpleLock> lock = lock();
		if (lock.isEmpty() && releaseIfHolderDead()) {
			lock = lock();
		}
		return lock.map(acquired -> new Held(acquired, onLost));
	}

	private Optional<SimpleLock> lock() {
		return this.provider.lock(new LockConfiguration(Instant.now(), LOCK_NAME, this.lease, Duration.ZERO));
	}

	/**
	 * Ends the lease of a holder on this host whose process is gone. The update is conditional
	 * on the same holder, so of several contenders only the lock's next taker wins.
	 */
	private boolean releaseIfHolderDead() {
		String lockedBy = this.jdbc.query("SELECT locked_by FROM shedlock WHERE name = ?",
				rs -> rs.next() ? rs.getString(1) : null, LOCK_NAME);
		Optional<LockHolder> holder = LockHolder.parse(lockedBy);
		if (holder.isEmpty() || !holder.get().isDeadOn(this.self.host())) {
			return false;
		}
		int released = this.jdbc.update("UPDATE shedlock SET lock_until = locked_at WHERE name = ? AND locked_by = ?",
				LOCK_NAME, lockedBy);
		if (released == 1) {
			log.warn("the run lock's holder {} is gone (killed or crashed); taking the lock over", lockedBy);
		}
		return released == 1;
	}

	/** A held lease; renewed in the background until closed. */
	public final class Held implements AutoCloseable {

		private final AtomicReference<SimpleLock> lock;

		private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "run-lock-renewer");
			thread.setDaemon(true);
			return thread;
		});

		private volatile boolean lost;

		private final Runnable onLost;

		Held(SimpleLock lock, Runnable onLost) {
			this.lock = new AtomicReference<>(lock);
			this.onLost = onLost;
			long period = Math.max(1, RunLock.this.lease.toMillis() / 3);
			this.renewer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
		}

		void renew() {
			if (this.lost) {
				return;
			}
			try {
				Optional<SimpleLock> extended = this.lock.get().extend(RunLock.this.lease, Duration.ZERO);
				if (extended.isPresent()) {
					this.lock.set(extended.get());
				}
				else {
					this.lost = true;
					log.error("the run lock lapsed and another run may hold it now: stopping this run after the item in hand");
					this.onLost.run();
				}
			}
			catch (RuntimeException ex) {
				// A database blip: keep the lease we have and try again at the next period.
				log.warn("could not renew the run lock: {}", ex.getMessage());
			}
		}

		/** True once a renewal found the lease gone. */
		public boolean isLost() {
			return this.lost;
		}

		@Override
		public void close() {
			this.renewer.shutdownNow();
			try {
				// Not ShedLock's unlock: that ends the lease whoever holds it, a successor included.
				RunLock.this.jdbc.update("UPDATE shedlock SET lock_until = locked_at WHERE name = ? AND locked_by = ?",
						LOCK_NAME, RunLock.this.self.toString());
			}
			catch (RuntimeException ex) {
				log.warn("could not release the run lock, it lapses in {}: {}", RunLock.this.lease, ex.getMessage());
			}
		}

	}

}
