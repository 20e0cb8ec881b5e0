package dev.ingestor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.ingestor.queue.Enqueuer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bin/ingest enqueue PATH...}: copies files into storage and queues them. */
@Command(name = "enqueue", mixinStandardHelpOptions = true,
		description = "Copy files into the storage directory and queue them; prints one 'id<TAB>storage_path' line per file.")
class EnqueueCommand implements Callable<Integer> {

	@Parameters(arity = "1..*", paramLabel = "PATH", description = "Files to queue.")
	List<Path> paths;

	@Override
	public Integer call() throws IOException {
		// Check every path before queueing any, so that a typo does not leave half a batch queued.
		for (Path path : this.paths) {
			if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
				System.err.println("not a readable file: " + path);
				return ExitCodes.USAGE;
			}
		}
		try (Application app = Application.start()) {
			Enqueuer enqueuer = app.bean(Enqueuer.class);
			for (Path path : this.paths) {
				Enqueuer.Queued queued = enqueuer.enqueue(path, false);
				System.out.println(queued.id() + "\t" + queued.storagePath());
			}
		}
		return ExitCodes.OK;
	}

}
