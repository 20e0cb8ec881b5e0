package dev.ingestor.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.ingestor.queue.Requeue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bin/ingest reindex}: queues documents again and makes their next ingestion re-embed them. */
@Command(name = "reindex", mixinStandardHelpOptions = true,
		description = "Queue documents again so that the next run embeds them anew, even when their content is "
				+ "unchanged; prints the new queue row ids.")
class ReindexCommand implements Callable<Integer> {

	@Option(names = "--all", description = "Every document that has a stored version.")
	boolean all;

	@Parameters(paramLabel = "DOCUMENT_ID", description = "document_node ids.")
	List<Long> documents = new ArrayList<>();

	@Override
	public Integer call() {
		if (this.all == !this.documents.isEmpty()) {
			System.err.println("reindex needs either --all or document ids, not both");
			return ExitCodes.USAGE;
		}
		try (Application app = Application.start()) {
			List<Long> queued = app.bean(Requeue.class).reindex(this.all ? List.of() : this.documents);
			queued.forEach(System.out::println);
			System.err.println("queued " + queued.size() + " document(s) for re-embedding; run 'bin/ingest run'");
		}
		return ExitCodes.OK;
	}

}
