package dev.ingestor.job;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.ingestor.queue.Inbox;
import dev.ingestor.queue.QueueRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * {@code bin/ingest daemon}: every poll interval (fixed delay, so polls never overlap) it takes
 * the inbox's files, then launches {@code ingestJob} only if rows are queued, so an idle poll
 * leaves no job execution behind. Stopping refuses new launches and stops the one in flight.
 */
public class Daemon implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Daemon.class);

	private final IngestRunner runner;

	private final QueueRepository queue;

	private final Inbox inbox;

	private final Duration interval;

	private final Duration grace;

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	/** Held for a whole poll, launch included, so that stop() knows when none is in flight. */
	private final ReentrantLock polling = new ReentrantLock();

	private final CountDownLatch stopRequested = new CountDownLatch(1);

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final AtomicLong polls = new AtomicLong();

	private volatile boolean stopping;

	private final AtomicBoolean stopStarted = new AtomicBoolean();

	private volatile boolean idle;

	private volatile boolean lastRunStopped;

	/** Set by the console's Stop until its Restart: a stopped run must not be followed by the next poll's launch. */
	private volatile boolean paused;

	private ScheduledFuture<?> schedule;

	private final OutageBackoff backoff;

	/** @param inbox the drop folder, or null when none is configured */
	Daemon(IngestRunner runner, QueueRepository queue, Inbox inbox, Duration interval, Duration grace,
			OutageBackoff backoff) {
		this.backoff = backoff;
		this.runner = runner;
		this.queue = queue;
		this.inbox = inbox;
		this.interval = interval;
		this.grace = grace;
		this.scheduler.setPoolSize(1);
		this.scheduler.setThreadNamePrefix("ingest-daemon-");
	}

	/** Started by {@code bin/ingest daemon} itself, so a context with the daemon profile (a test) does not poll. */
	@Override
	public boolean isAutoStartup() {
		return false;
	}

	@Override
	public void start() {
		this.scheduler.initialize();
		this.schedule = this.scheduler.scheduleWithFixedDelay(this::poll, this.interval);
		log.info("daemon started: polling every {}{}", this.interval,
				(this.inbox != null) ? ", inbox " + this.inbox.dir() : ", no inbox");
	}

	void poll() {
		this.polling.lock();
		try {
			if (this.stopping) {
				return;
			}
			this.polls.incrementAndGet();
			if (this.paused) {
				return;
			}
			int taken = (this.inbox != null) ? this.inbox.drain() : 0;
			if (!this.queue.hasQueued()) {
				logIdle(taken);
				return;
			}
			this.idle = false;
			if (!this.backoff.mayRun()) {
				return;
			}
			log.info("poll: rows are queued, launching ingestJob");
			IngestRunner.Result result = this.runner.runOnce();
			switch (result.outcome()) {
				case STOPPED -> {
					if (this.paused) {
						log.info("poll: run stopped from the console (job execution {}); polling paused until a restart",
								(result.execution() != null) ? result.execution().getId() : "none");
						return;
					}
					// Otherwise only a signal stops a run: the daemon goes down with it.
					log.info("poll: run stopped (job execution {}); the daemon stops",
							(result.execution() != null) ? result.execution().getId() : "none");
					this.lastRunStopped = true;
					requestStop();
				}
				case LOCKED -> log.info("poll: another run holds the lock; trying again in {}", this.interval);
				case EMBEDDING_UNAVAILABLE -> this.backoff.outage("the embedding server is unavailable");
				case STORAGE_UNAVAILABLE -> this.backoff.outage("the storage directory is missing or not mounted");
				default -> log.info("poll: run ended {} (job execution {})", result.outcome(),
						(result.execution() != null) ? result.execution().getId() : "none");
			}
		}
		catch (RuntimeException ex) {
			// The database may be restarting: the daemon outlives it and tries again next poll.
			log.error("poll failed, trying again in {}: {}", this.interval, ex.toString(), ex);
		}
		finally {
			this.polling.unlock();
		}
	}

	private void logIdle(int taken) {
		if (!this.idle || taken > 0) {
			log.info("poll: nothing queued; next poll in {}", this.interval);
		}
		else {
			log.debug("poll: nothing queued");
		}
		this.idle = true;
	}

	/** Launches nothing until {@link #resume()}: the console stopped a run. */
	void pause() {
		this.paused = true;
	}

	void resume() {
		this.paused = false;
	}

	/** Refuses any further launch and wakes {@link #awaitStop()}; the context then closes and stops the daemon. */
	public void requestStop() {
		this.stopping = true;
		this.stopRequested.countDown();
	}

	/**
	 * Blocks until a stop was requested or the daemon stopped (the context closing stops it), then
	 * until the poll in flight is over, so that the answer covers the run a signal interrupted.
	 * @return whether the daemon's last run ended STOPPED (restartable)
	 */
	public boolean awaitStop() throws InterruptedException {
		this.stopRequested.await();
		stop();
		return this.lastRunStopped;
	}

	/** Polls done so far (idle ones included). */
	public long polls() {
		return this.polls.get();
	}

	/**
	 * Refuses further launches, asks a run in flight to stop and waits (up to the shutdown
	 * grace) until its poll is over. Called by the context closing and by the JVM's shutdown
	 * hook, whichever comes first; a second caller waits for the first to finish.
	 */
	@Override
	public void stop() {
		this.stopping = true;
		if (!this.stopStarted.compareAndSet(false, true)) {
			awaitStopped();
			return;
		}
		if (this.schedule != null) {
			this.schedule.cancel(false);
		}
		// A poll that passed its check just before the signal may have launched a run the signal
		// handling did not see yet: keep asking it to stop until the poll lets go.
		Instant deadline = Instant.now().plus(this.grace);
		boolean quiet = false;
		try {
			while (!(quiet = this.polling.tryLock(100, TimeUnit.MILLISECONDS)) && Instant.now().isBefore(deadline)) {
				this.runner.stopAndWait(Duration.between(Instant.now(), deadline));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (!quiet) {
			log.warn("daemon: the run in flight did not stop within {}", this.grace);
		}
		this.scheduler.shutdown();
		if (quiet) {
			this.polling.unlock();
		}
		log.info("daemon stopped after {} polls", this.polls.get());
		this.stopped.countDown();
		this.stopRequested.countDown();
	}

	private void awaitStopped() {
		try {
			this.stopped.await(this.grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.schedule != null && this.stopped.getCount() > 0;
	}

}
