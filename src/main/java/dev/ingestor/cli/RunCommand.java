package dev.ingestor.cli;

import java.util.concurrent.Callable;

import dev.ingestor.job.IngestRunner;
import picocli.CommandLine.Command;

/** {@code bin/ingest run}: one pass over the queue, suited to cron. */
@Command(name = "run", mixinStandardHelpOptions = true,
		description = "One pass over the queue, then exit. Creates or updates the schema first.")
class RunCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		try (Application app = Application.start()) {
			return report(app.bean(IngestRunner.class).runOnce());
		}
	}

	/** Prints the one-line outcome an operator (or cron mail) reads, and picks the exit code. */
	static int report(IngestRunner.Result result) {
		String execution = (result.execution() != null) ? "job execution " + result.execution().getId() : "no job execution";
		String line = switch (result.outcome()) {
			case COMPLETED -> "run completed (" + execution + ")";
			case FAILED -> "run FAILED (" + execution + "): " + firstLine(result.execution().getExitStatus().getExitDescription())
					+ "; rows in hand are recovered by the next run";
			case LOCKED -> "skipped: another run holds the lock";
			case EMBEDDING_UNAVAILABLE -> "stopped early (" + execution
					+ "): the embedding server is unavailable; the remaining rows stay queued";
			case STOPPED -> "stopped (" + execution + "); restart with: bin/ingest --restart";
			case NOTHING_TO_RESTART -> "nothing to restart";
			case STORAGE_UNAVAILABLE -> "stopped early (" + execution
					+ "): the storage directory is missing or not mounted; the remaining rows stay queued";
		};
		System.out.println(line);
		return ExitCodes.of(result.outcome());
	}

	private static String firstLine(String text) {
		return (text == null) ? "" : text.lines().findFirst().orElse("");
	}

}
