package dev.ingestor.cli;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.ingestor.queue.Requeue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/ingest requeue}: sends finished rows back to the queue, without SQL, keeping their history. */
@Command(name = "requeue", mixinStandardHelpOptions = true,
		description = "Send failed rows back to 'queued' (their old outcome stays in ingestion_log). "
				+ "Criteria combine; at least one is required.")
class RequeueCommand implements Callable<Integer> {

	@Option(names = "--id", split = ",", paramLabel = "ID", description = "Queue row ids (repeat or comma-separate).")
	List<Long> ids = new ArrayList<>();

	@Option(names = "--status", split = ",", paramLabel = "STATUS",
			description = "failed, download_failed or indexed (default: failed and download_failed).")
	List<String> statuses = new ArrayList<>();

	@Option(names = "--since", paramLabel = "UTC", description = "Ended at or after, e.g. 2026-11-23T08:00.")
	LocalDateTime since;

	@Option(names = "--until", paramLabel = "UTC", description = "Ended before, e.g. 2026-11-23T12:00.")
	LocalDateTime until;

	@Option(names = "--message", paramLabel = "PATTERN",
			description = "rag_message matches this SQL LIKE pattern, e.g. '%embedding server unavailable%'.")
	String message;

	@Override
	public Integer call() {
		if (this.ids.isEmpty() && this.statuses.isEmpty() && this.since == null && this.until == null
				&& this.message == null) {
			System.err.println("requeue needs at least one of --id, --status, --since, --until, --message");
			return ExitCodes.USAGE;
		}
		for (String status : this.statuses) {
			if (!Requeue.TERMINAL.contains(status)) {
				System.err.println("cannot requeue rows in status '" + status + "'; choose among " + Requeue.TERMINAL);
				return ExitCodes.USAGE;
			}
		}
		try (Application app = Application.start()) {
			List<Long> requeued = app.bean(Requeue.class)
				.requeue(new Requeue.Selection(this.ids, this.statuses, this.since, this.until, this.message));
			requeued.forEach(System.out::println);
			System.err.println("requeued " + requeued.size() + " row(s)");
		}
		return ExitCodes.OK;
	}

}
