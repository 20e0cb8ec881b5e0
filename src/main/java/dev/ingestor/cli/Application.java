package dev.ingestor.cli;

import java.time.Duration;

import dev.ingestor.RagIngestorApplication;
import dev.ingestor.config.IngestProperties;
import dev.ingestor.job.IngestRunner;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring context behind one command, with our own shutdown hook in place of Spring's.
 *
 * <p>On SIGTERM or Ctrl-C the JVM runs every shutdown hook at once, while the command's own
 * thread is still working. Our hook therefore owns the order: it stops the running job and waits,
 * up to the grace period, until the command's thread has saved the STOPPED status and released
 * the run lock; only then is the context (and its connection pool) closed, once, by whichever
 * thread gets there first. The command's thread then calls {@code System.exit}, which blocks
 * while hooks run; the JVM ends with the signal's status (143 for SIGTERM, 130 for Ctrl-C).
 * Spring Boot's logging shutdown hook is switched off in application.properties, so the log
 * stays open until the end.
 */
final class Application implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final IngestRunner runner;

	private final Duration grace;

	private final Thread shutdownHook;

	private Application(ConfigurableApplicationContext context) {
		this.context = context;
		// Looked up now: a context that the command's thread closed first can no longer hand out beans.
		this.runner = context.getBean(IngestRunner.class);
		this.grace = context.getBean(IngestProperties.class).shutdownGrace();
		this.shutdownHook = new Thread(this::onSignal, "ingest-shutdown");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
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
		return new Application(context);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	private void onSignal() {
		if (!this.runner.stopAndWait(this.grace)) {
			System.err.println("the current item did not finish within " + this.grace
					+ "; its row is recovered by the next run");
		}
		closeContext();
	}

	/** Synchronized so that the hook and the command's thread never close the context concurrently. */
	private synchronized void closeContext() {
		if (this.context.isActive()) {
			this.context.close();
		}
	}

	@Override
	public void close() {
		closeContext();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// Already shutting down: the hook runs and returns once the context is closed.
		}
	}

}
