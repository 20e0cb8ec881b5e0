package dev.ingestor.cli;

import java.time.Duration;

import dev.ingestor.RagIngestorApplication;
import dev.ingestor.config.IngestProperties;
import dev.ingestor.job.IngestRunner;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring context behind one command. Spring's own shutdown hook is replaced by ours: on
 * SIGTERM or Ctrl-C the running job is asked to stop and given the grace period to save its
 * STOPPED status before the context (and its connection pool) closes.
 */
final class Application implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final Thread shutdownHook;

	private volatile boolean closed;

	private Application(ConfigurableApplicationContext context) {
		this.context = context;
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
		if (this.closed) {
			return;
		}
		Duration grace = bean(IngestProperties.class).shutdownGrace();
		boolean stopped = bean(IngestRunner.class).stopAndWait(grace);
		if (!stopped) {
			System.err.println("the current item did not finish within " + grace + "; its row is recovered by the next run");
		}
		this.context.close();
	}

	@Override
	public void close() {
		this.closed = true;
		this.context.close();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// Already shutting down: the hook is running and closes the context itself.
		}
	}

}
