package dev.ingestor.cli;

import java.util.concurrent.Callable;

import dev.ingestor.job.Daemon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.core.env.Environment;

/**
 * {@code bin/ingest serve}: the HTTP API on INGEST_HTTP_PORT, and by default the daemon's poller,
 * so that one process accepts and ingests; health and Prometheus stay on the management port.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
		description = "Serve the HTTP intake API (POST /v1/ingest, GET /v1/ingestion-items/{id}, ...) and the console (/) on "
				+ "INGEST_HTTP_PORT (default 8080) and run the daemon's poller. Needs INGEST_JWT_SECRET, "
				+ "INGEST_JWT_JWKS_URI or INGEST_JWT_ISSUER_URI, or INGEST_AUTH=none (single tenant). "
				+ "Stops on SIGTERM or Ctrl-C like the daemon.")
class ServeCommand implements Callable<Integer> {

	private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

	@Option(names = "--no-poller", description = "Only accept and answer; another process (run, daemon) ingests.")
	boolean noPoller;

	@Override
	public Integer call() throws InterruptedException {
		try (Application app = Application.start("daemon", "serve")) {
			return serveUntilStopped(app, !this.noPoller);
		}
	}

	/** Serves (and polls, when asked) until SIGTERM or Ctrl-C; {@code demo} ends this way too. */
	static int serveUntilStopped(Application app, boolean poller) throws InterruptedException {
		Daemon daemon = app.bean(Daemon.class);
		Runtime.getRuntime().addShutdownHook(new Thread(daemon::stop, "daemon-stop"));
		log.info("serving the API and the console on {}:{}{}", address(app), port(app),
				poller ? " with the poller" : " (no poller)");
		if (poller) {
			daemon.start();
		}
		return daemon.awaitStop() ? ExitCodes.STOPPED : ExitCodes.OK;
	}

	static String address(Application app) {
		return app.bean(Environment.class).getProperty("server.address", "0.0.0.0");
	}

	static String port(Application app) {
		return app.bean(Environment.class).getProperty("local.server.port");
	}

}
