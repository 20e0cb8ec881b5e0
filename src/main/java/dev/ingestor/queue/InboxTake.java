package dev.ingestor.queue;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one inbox file into storage and the queue so that a {@code kill -9} at any point
 * neither loses it nor queues it twice. A journal entry in {@code .taking/} is written first;
 * the file is then renamed next to it (freeing its name in the inbox), moved into storage, and
 * queued; the entry goes last. {@link #recover} finishes or undoes whatever a crash left.
 */
final class InboxTake {

	/** Where takes in progress are journaled; a dot-directory, so the inbox never lists it. */
	static final String TAKING = ".taking";

	/** Names a step for tests that kill the process there ({@code INGEST_TEST_KILL_AT}). */
	enum Step {
		JOURNALED, CLAIMED, MOVED, QUEUED
	}

	private static final Logger log = LoggerFactory.getLogger(InboxTake.class);

	private static final String KILL_AT = System.getenv("INGEST_TEST_KILL_AT");

	private final Enqueuer enqueuer;

	private final Path taking;

	InboxTake(Path inbox, Enqueuer enqueuer) {
		this.enqueuer = enqueuer;
		this.taking = inbox.resolve(TAKING);
	}

	/** Moves the file into storage and queues it; the id of its row. */
	Enqueuer.Queued take(Path file) throws IOException {
		Files.createDirectories(this.taking);
		String id = UUID.randomUUID().toString();
		String name = file.getFileName().toString();
		String storagePath = this.enqueuer.storagePathFor(name);
		Properties entry = new Properties();
		entry.setProperty("name", name);
		entry.setProperty("storagePath", storagePath);
		try (Writer out = Files.newBufferedWriter(journal(id), StandardCharsets.UTF_8)) {
			entry.store(out, "inbox take in progress");
		}
		reached(Step.JOURNALED);
		Files.move(file, claimed(id), StandardCopyOption.ATOMIC_MOVE);
		reached(Step.CLAIMED);
		try {
			return finish(id, name, storagePath);
		}
		catch (IOException ex) {
			// Not in storage: hand the file back under its name for the inbox to move it aside.
			Files.move(claimed(id), file);
			Files.delete(journal(id));
			throw ex;
		}
	}

	/** Finishes every take that a crash interrupted; run before each drain. */
	void recover() throws IOException {
		if (!Files.isDirectory(this.taking)) {
			return;
		}
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.taking, "*.take")) {
			for (Path journal : entries) {
				String id = journal.getFileName().toString().replaceFirst("\\.take$", "");
				Properties entry = new Properties();
				try (Reader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
					entry.load(in);
				}
				recover(id, entry.getProperty("name"), entry.getProperty("storagePath"));
			}
		}
	}

	private void recover(String id, String name, String storagePath) throws IOException {
		if (name == null || storagePath == null || this.enqueuer.isQueued(storagePath)) {
			// Queued before the crash (or an entry cut short before anything was moved): done.
			Files.delete(journal(id));
		}
		else if (Files.exists(claimed(id), LinkOption.NOFOLLOW_LINKS)) {
			// Not (wholly) in storage yet: a copy across file systems may be partial; start it again.
			Files.deleteIfExists(this.enqueuer.storageDir().resolve(storagePath));
			log.warn("inbox: finishing the take of {} that a crash interrupted", name);
			finish(id, name, storagePath);
		}
		else if (Files.exists(this.enqueuer.storageDir().resolve(storagePath), LinkOption.NOFOLLOW_LINKS)) {
			log.warn("inbox: queueing {}, moved into storage before a crash", name);
			this.enqueuer.queueStored(name, storagePath);
			Files.delete(journal(id));
		}
		else {
			// Journaled, then the crash came before the file was claimed: it is still in the inbox.
			Files.delete(journal(id));
		}
	}

	private Enqueuer.Queued finish(String id, String name, String storagePath) throws IOException {
		Path target = this.enqueuer.storageDir().resolve(storagePath);
		Files.createDirectories(target.getParent());
		Enqueuer.moveInto(claimed(id), target);
		reached(Step.MOVED);
		long row = this.enqueuer.queueStored(name, storagePath);
		reached(Step.QUEUED);
		Files.delete(journal(id));
		return new Enqueuer.Queued(row, storagePath);
	}

	private Path claimed(String id) {
		return this.taking.resolve(id + ".file");
	}

	private Path journal(String id) {
		return this.taking.resolve(id + ".take");
	}

	private static void reached(Step step) {
		if (step.name().equalsIgnoreCase(KILL_AT)) {
			log.warn("inbox: killing this process at step {} (INGEST_TEST_KILL_AT)", step);
			try {
				new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
			}
			catch (IOException ex) {
				Runtime.getRuntime().halt(137);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			Runtime.getRuntime().halt(137);
		}
	}

}
