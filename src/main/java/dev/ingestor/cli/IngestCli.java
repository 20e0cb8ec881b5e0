package dev.ingestor.cli;

import java.util.concurrent.Callable;

import dev.ingestor.job.IngestRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/ingest}: parses the command line before Spring starts, so --help and usage errors are instant. */
@Command(name = "ingest", mixinStandardHelpOptions = true, version = "rag-ingestor 0.1.0",
		description = "Turns queued documents into stored chunks and embeddings.%n"
				+ "Without a command: one pass over the queue (the same as 'run').",
		subcommands = { RunCommand.class, DaemonCommand.class, EnqueueCommand.class, ReportCommand.class, DemoCommand.class, BenchCommand.class, ScaleBenchCommand.class,
				RequeueCommand.class, ReindexCommand.class, ServeCommand.class, WorkerCommand.class, UserCommand.class, SearchCommand.class, SearchBenchCommand.class,
				CommandLine.HelpCommand.class },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:success (items that failed are outcomes, not job failures)",
				"1:the job failed (e.g. database unavailable); run --restart later",
				"2:usage error", "3:skipped: another run holds the lock",
				"4:stopped early: the embedding server is unavailable; the rest stays queued",
				"5:stopped by SIGTERM or Ctrl-C after the item in hand; the run is STOPPED and restartable",
				"6:stopped early: the storage directory is missing or not mounted; the rest stays queued",
				"143:SIGTERM (130: Ctrl-C) with no run in progress, or the grace period ran out" })
public final class IngestCli implements Callable<Integer> {

	@Option(names = "--restart", description = "Recover and restart the last failed or stopped run.")
	boolean restart;

	/** Runs the command line and returns the process exit code. */
	public static int execute(String... args) {
		return new CommandLine(new IngestCli()).setExecutionExceptionHandler(IngestCli::failed).execute(args);
	}

	/**
	 * A command that could not even run its job (database down at start-up, bad configuration)
	 * gets one readable line and exit code 1 instead of a stack trace; the log has the details.
	 */
	private static int failed(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		System.err.println("ingest " + command.getCommandName() + " failed: " + root.getClass().getSimpleName() + ": "
				+ root.getMessage());
		return ExitCodes.JOB_FAILED;
	}

	@Override
	public Integer call() {
		try (Application app = Application.start()) {
			IngestRunner runner = app.bean(IngestRunner.class);
			IngestRunner.Result result = this.restart ? runner.restartLast() : runner.runOnce();
			return RunCommand.report(result);
		}
	}

}
