package dev.ingestor.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.extract.Extraction;
import dev.ingestor.queue.IntakeRejectedException.Reason;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Uploads and delete requests from {@code bin/ingest serve}: what the HTTP API calls, the same
 * queue rows a manager's INSERTs make. An upload that is refused leaves no file and no row.
 */
@Component
public class Intake {

	/** Queue row kinds ({@code ingestion_queue_item.kind}). */
	public static final String INGEST = "ingest";

	public static final String DELETE = "delete";

	private final IntakeRows rows;

	private final Extraction extraction;

	private final IngestProperties properties;

	private final Path storageDir;

	private final TransactionTemplate transaction;

	Intake(IntakeRows rows, Extraction extraction, IngestProperties properties,
			PlatformTransactionManager transactionManager) {
		this.rows = rows;
		this.extraction = extraction;
		this.properties = properties;
		this.storageDir = properties.storageDir().toAbsolutePath().normalize();
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/**
	 * Streams the body into storage and queues it for a new document, or as a new version of
	 * {@code documentId}, unless the same bytes are its active version (nothing queued) or are
	 * already queued or processing for it (refused with that row's id).
	 */
	public IntakeResult upload(String tenant, Long documentId, String fileName, String displayName, InputStream body)
			throws IOException {
		String storedName = safeName(fileName);
		checkSupported(storedName);
		if (documentId != null && !this.rows.documentExists(tenant, documentId)) {
			throw notFound(documentId);
		}
		checkCapacity();
		String relative = "uploads/" + safeName(tenant) + "/" + LocalDate.now(ZoneOffset.UTC) + "/" + UUID.randomUUID()
				+ "/" + storedName;
		UploadedFile file = UploadedFile.write(body, this.storageDir.resolve(relative), this.properties.maxFileBytes());
		try {
			if (file.size() == 0) {
				throw new IntakeRejectedException(Reason.BAD_REQUEST, "the file is empty (0 bytes)");
			}
			IntakeResult result = queueUpload(tenant, documentId, displayName, relative, file.contentHash());
			if (result instanceof IntakeResult.Unchanged) {
				file.remove();
			}
			return result;
		}
		catch (RuntimeException ex) {
			file.remove();
			throw ex;
		}
	}

	private IntakeResult queueUpload(String tenant, Long documentId, String name, String storagePath, String hash) {
		Optional<IntakeResult.Unchanged> unchanged = this.rows.activeWithContent(tenant, documentId, hash);
		if (unchanged.isPresent()) {
			return unchanged.get();
		}
		// New documents of a tenant are told apart by content, versions of a document by both.
		String key = (documentId != null) ? "d:" + documentId + ":" + hash : "t:" + tenant + ":" + hash;
		try {
			return this.transaction.execute(status -> {
				this.rows.inFlight(key).ifPresent(holder -> {
					throw inFlight(holder);
				});
				this.rows.releaseFinished(key);
				long node = (documentId != null) ? documentId : this.rows.insertDocument(tenant, name);
				return new IntakeResult.Queued(this.rows.insertItem(node, INGEST, storagePath, hash, key), node);
			});
		}
		catch (DataAccessException ex) {
			// The unique in-flight key: an identical upload committed first.
			Long holder = this.rows.inFlight(key).orElseThrow(() -> ex);
			throw inFlight(holder);
		}
	}

	/** Refuses an upload while {@code INGEST_MAX_QUEUED} rows wait; the API asks before it reads the body. */
	public void checkCapacity() {
		if (this.rows.queuedCount() >= this.properties.maxQueued()) {
			throw new IntakeRejectedException(Reason.SATURATED, "the queue is full (" + this.properties.maxQueued()
					+ " items queued, INGEST_MAX_QUEUED); try again later");
		}
	}

	/** Queues a delete of the document's active version and its chunks. */
	public IntakeResult.Queued delete(String tenant, long documentId) {
		return this.transaction.execute(status -> {
			if (!this.rows.documentExists(tenant, documentId)) {
				throw notFound(documentId);
			}
			return new IntakeResult.Queued(this.rows.insertItem(documentId, DELETE, "", null, null), documentId);
		});
	}

	private void checkSupported(String name) {
		int dot = name.lastIndexOf('.');
		String extension = (dot < 0) ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
		if (!this.extraction.supports(extension)) {
			throw new IntakeRejectedException(Reason.UNSUPPORTED_TYPE, "unsupported document type '"
					+ (extension.isEmpty() ? "(no extension)" : "." + extension) + "' of '" + name + "' (supported: "
					+ String.join(", ", this.extraction.supportedExtensions()) + ")");
		}
	}

	private static IntakeRejectedException inFlight(long holder) {
		return new IntakeRejectedException(Reason.IN_FLIGHT,
				"the same content is already queued or processing as item " + holder + "; poll that item", holder);
	}

	private static IntakeRejectedException notFound(long documentId) {
		return new IntakeRejectedException(Reason.NOT_FOUND, "document " + documentId + " not found");
	}

	/** One path segment made of safe characters: a client's file name never picks a directory. */
	static String safeName(String name) {
		if (name == null || name.isBlank()) {
			throw new IntakeRejectedException(Reason.BAD_REQUEST, "the file part has no file name; send one (or 'name')");
		}
		String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		String safe = last.replaceAll("[^A-Za-z0-9._-]", "_");
		if (safe.isEmpty() || safe.startsWith(".")) {
			safe = "_" + safe;
		}
		return (safe.length() <= 200) ? safe : safe.substring(safe.length() - 200);
	}

}
