package dev.ingestor.cli;

import java.util.concurrent.Callable;

import dev.ingestor.job.Daemon;
import picocli.CommandLine.Command;

/**
 * {@code bin/ingest daemon}: keeps running, launching a pass whenever rows are queued (and
 * taking files from {@code INGEST_INBOX_DIR} when set) until SIGTERM or Ctrl-C.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
		description = "Keep running: every INGEST_POLL_INTERVAL (default 10s) take the inbox's files, "
				+ "then run a pass if rows are queued. Stops cleanly on SIGTERM or Ctrl-C.")
class DaemonCommand implements Callable<Integer> {

	@Override
	public Integer call() throws InterruptedException {
		try (Application app = Application.start("daemon")) {
			Daemon daemon = app.bean(Daemon.class);
			// Runs alongside the application's own hook: no launch may begin once a signal arrived.
			Runtime.getRuntime().addShutdownHook(new Thread(daemon::requestStop, "daemon-stop"));
			daemon.awaitStop();
		}
		return ExitCodes.OK;
	}

}
