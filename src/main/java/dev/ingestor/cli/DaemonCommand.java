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
				+ "then run a pass if rows are queued. Stops cleanly on SIGTERM or Ctrl-C: "
				+ "exit 5 when it stopped a run (restartable), 143/130 when idle.")
class DaemonCommand implements Callable<Integer> {

	@Override
	public Integer call() throws InterruptedException {
		try (Application app = Application.start("daemon")) {
			Daemon daemon = app.bean(Daemon.class);
			// The JVM halts once its hooks are done, whatever other threads still do: this hook keeps
			// it alive until the daemon refused new launches and the run in flight stopped.
			Runtime.getRuntime().addShutdownHook(new Thread(daemon::stop, "daemon-stop"));
			app.onSignal(daemon::requestStop);
			daemon.start();
			boolean runStopped = daemon.awaitStop();
			// A signal stopped a run (STOPPED, restartable), came as a run ended, or the context closed.
			return runStopped ? ExitCodes.STOPPED : Application.signalStatus();
		}
	}

}
