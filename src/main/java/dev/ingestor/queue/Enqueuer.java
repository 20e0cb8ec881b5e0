package dev.ingestor.queue;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.ingestor.config.IngestProperties;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts a local file into storage and queues it, as a manager would: used by
 * {@code bin/ingest enqueue}, the demo and the inbox.
 */
@Component
public class Enqueuer {

	private final QueueRepository queue;

	private final Path storageDir;

	Enqueuer(QueueRepository queue, IngestProperties properties) {
		this.queue = queue;
		this.storageDir = properties.storageDir().toAbsolutePath().normalize();
	}

	/**
	 * Copies (or, with {@code move}, moves) the file to {@code <storage>/enqueued/<date>/<id>/<name>},
	 * then queues it; a unique folder per file keeps equal names apart.
	 */
	@Transactional
	public Queued enqueue(Path file, boolean move) throws IOException {
		String name = file.getFileName().toString();
		String relative = storagePathFor(name);
		Path target = this.storageDir.resolve(relative);
		Files.createDirectories(target.getParent());
		if (move) {
			moveInto(file, target);
		}
		else {
			Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
		}
		try {
			return new Queued(this.queue.enqueue(name, relative), relative);
		}
		catch (RuntimeException ex) {
			// Not queued, so the file goes back where it came from rather than lie unseen in storage.
			if (move) {
				Files.move(target, file);
			}
			throw ex;
		}
	}

	/** A new, unique place in storage for a file of this name, relative to storage. */
	String storagePathFor(String name) {
		return "enqueued/" + LocalDate.now(ZoneOffset.UTC) + "/" + UUID.randomUUID() + "/" + name;
	}

	Path storageDir() {
		return this.storageDir;
	}

	/** Queues a file that already lies in storage, in its own transaction. */
	@Transactional
	public long queueStored(String name, String storagePath) {
		return this.queue.enqueue(name, storagePath);
	}

	/** Whether a row for this storage path exists, whatever its status. */
	boolean isQueued(String storagePath) {
		return this.queue.countWithStoragePath(storagePath) > 0;
	}

	static void moveInto(Path file, Path target) throws IOException {
		try {
			Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			// Another file system (an inbox on its own volume): copy, then remove the original.
			Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
			Files.delete(file);
		}
	}

	/**
	 * @param id the new queue row's id
	 * @param storagePath where the file now lies, relative to storage
	 */
	public record Queued(long id, String storagePath) {
	}

}
