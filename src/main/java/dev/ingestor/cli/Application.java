package dev.ingestor.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.ingestor.RagIngestorApplication;
import dev.ingestor.config.IngestProperties;
import dev.ingestor.job.IngestRunner;
import sun.misc.Signal;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring context behind one command, and what SIGTERM and Ctrl-C do to it.
 *
 * <p>We handle the signals ourselves instead of in a JVM shutdown hook: the JVM runs all its
 * hooks at once, so H2 (its close-on-exit hook), Logback and the connection pool would go away
 * while the job still saves its STOPPED status. Our handler asks the running job to stop after
 * the item in hand and waits, up to the grace period, until the command's thread has saved
 * STOPPED and released the run lock; that thread then returns normally and the process exits
 * 5 (stopped, restartable). When no run is in progress, on a second signal, or when the grace
 * runs out, the process exits at once with the signal's status (143 SIGTERM, 130 Ctrl-C); a row
 * left {@code processing} then is recovered by the next run.
 */
final class Application implements AutoCloseable {

	private static final AtomicReference<Application> current = new AtomicReference<>();

	private static final AtomicBoolean handlersInstalled = new AtomicBoolean();

	private static final AtomicBoolean signalled = new AtomicBoolean();

	/** The exit status of the first signal received (143 SIGTERM, 130 Ctrl-C), 0 before any. */
	private static volatile int signalStatus;

	private final ConfigurableApplicationContext context;

	private final IngestRunner runner;

	private final Duration grace;

	/** What a signal must also tell, whatever the run's state: the daemon must stop polling. */
	private volatile Runnable onSignal = () -> {
	};

	private Application(ConfigurableApplicationContext context) {
		this.context = context;
		this.runner = context.getBean(IngestRunner.class);
		this.grace = context.getBean(IngestProperties.class).shutdownGrace();
	}

	/**
	 * Starts the context; the web server stays off unless a profile turns it on
	 * ({@code spring.main.web-application-type}), as the daemon's management port does.
	 */
	static Application start(String... profiles) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(RagIngestorApplication.class)
			.registerShutdownHook(false)
			.profiles(profiles)
			.run();
		Application application = new Application(context);
		current.set(application);
		if (handlersInstalled.compareAndSet(false, true)) {
			for (String name : List.of("TERM", "INT")) {
				Signal.handle(new Signal(name), signal -> onSignal(128 + signal.getNumber()));
			}
		}
		return application;
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/** Runs {@code action} first on any signal, whether or not a run is in progress. */
	void onSignal(Runnable action) {
		this.onSignal = action;
	}

	/** 143 or 130 once SIGTERM or Ctrl-C arrived, else 0. */
	static int signalStatus() {
		return signalStatus;
	}

	/** Runs on a thread of its own per signal, so a second signal is handled while the first waits. */
	private static void onSignal(int exitStatus) {
		Application application = current.get();
		if (signalStatus == 0) {
			signalStatus = exitStatus;
		}
		if (application != null) {
			// Before looking at the run: a signal that lands as a run ends must still stop the daemon.
			application.onSignal.run();
		}
		if (application == null || !application.runner.isBusy() || !signalled.compareAndSet(false, true)) {
			System.exit(exitStatus);
			return;
		}
		System.err.println("signal received: stopping after the item in hand (grace " + application.grace
				+ "; signal again to exit at once)");
		if (!application.runner.stopAndWait(application.grace)) {
			System.err.println("the current item did not finish within " + application.grace
					+ "; exiting now, its row is recovered by the next run");
			System.exit(exitStatus);
		}
	}

	@Override
	public void close() {
		current.compareAndSet(this, null);
		this.context.close();
	}

}
