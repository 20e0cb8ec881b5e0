package dev.ingestor.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.scale.Worker;
import picocli.CommandLine.Command;

/**
 * {@code bin/ingest worker}: a scale-out worker. Runs partitions of the manager's runs as the
 * broker hands them out, one at a time, until SIGTERM or Ctrl-C; serves health and metrics on
 * the management port like the daemon.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
		description = "Scale out: run the partitions that 'run' or 'daemon' send through INGEST_BROKER_URL, "
				+ "one at a time, until SIGTERM or Ctrl-C (the partition in hand stops after its item in hand "
				+ "and is redelivered to another worker). Needs INGEST_BROKER_URL and the manager's database "
				+ "and storage.")
class WorkerCommand implements Callable<Integer> {

	@Override
	public Integer call() throws InterruptedException {
		try (Application app = Application.start("worker")) {
			Worker worker = app.bean(Worker.class);
			if (!worker.configured()) {
				System.err.println("worker needs INGEST_BROKER_URL (e.g. amqp://guest:guest@127.0.0.1:5672)");
				return ExitCodes.USAGE;
			}
			app.onSignal(() -> worker.stop(app.bean(IngestProperties.class).shutdownGrace()));
			System.out.println("worker started: consuming " + worker.queue() + " (pid " + ProcessHandle.current().pid() + ")");
			// Runs until a signal: the handler stops the partition in hand, then exits the process.
			new CountDownLatch(1).await();
			return Application.signalStatus();
		}
	}

}
