package dev.ingestor.job;

import java.lang.management.ManagementFactory;
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
 * database's clock, renewed while the run lives. A process killed with {@code kill -9} stops
 * renewing, so its lease lapses after {@code ingest.lock-lease} and the next run may start.
 */
@Component
public class RunLock {

	static final String LOCK_NAME = "ingestJob";

	private static final Logger log = LoggerFactory.getLogger(RunLock.class);

	private final JdbcTemplateLockProvider provider;

	private final Duration lease;

	RunLock(JdbcTemplate jdbc, IngestProperties properties) {
		this.provider = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(jdbc)
			.usingDbTime()
			.withLockedByValue(ManagementFactory.getRuntimeMXBean().getName())
			.build());
		this.lease = properties.lockLease();
	}

	/** The lock, or empty when another live run holds it. */
	public Optional<Held> tryAcquire() {
		return this.provider.lock(new LockConfiguration(Instant.now(), LOCK_NAME, this.lease, Duration.ZERO))
			.map(Held::new);
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

		Held(SimpleLock lock) {
			this.lock = new AtomicReference<>(lock);
			long period = Math.max(1, RunLock.this.lease.toMillis() / 3);
			this.renewer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
		}

		private void renew() {
			try {
				Optional<SimpleLock> extended = this.lock.get().extend(RunLock.this.lease, Duration.ZERO);
				if (extended.isPresent()) {
					this.lock.set(extended.get());
				}
				else {
					this.lost = true;
					log.error("the run lock lapsed and was not renewed; another run may take over");
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
				this.lock.get().unlock();
			}
			catch (RuntimeException ex) {
				log.warn("could not release the run lock, it lapses in {}: {}", RunLock.this.lease, ex.getMessage());
			}
		}

	}

}
