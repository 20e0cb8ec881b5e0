package dev.ingestor.queue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.integration.file.filters.ChainFileListFilter;
import org.springframework.integration.file.filters.IgnoreHiddenFileListFilter;
import org.springframework.integration.file.filters.LastModifiedFileListFilter;
import org.springframework.integration.file.filters.RegexPatternFileListFilter;

/**
 * The daemon's drop folder: each complete file put there is moved into storage and queued
 * exactly as {@code bin/ingest enqueue} would; a file that cannot be taken is moved to
 * {@code .rejected/} with a {@code .reason.txt} beside it, so nothing dropped is ever lost.
 */
public class Inbox {

	/** Where refused files go; a dot-directory, so the inbox never offers it again. */
	static final String REJECTED = ".rejected";

	/**
	 * Names that are still being written by their producer: {@code ~lock} files, and the
	 * temporary suffixes of editors, browsers, curl/wget and rsync-like tools.
	 */
	static final String COMPLETE_NAME = "^(?!~)(?!.*\\.(?i:tmp|temp|part|partial|crdownload|download|swp)$).+$";

	private static final Logger log = LoggerFactory.getLogger(Inbox.class);

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final Path dir;

	private final Enqueuer enqueuer;

	private final Clock clock;

	private final ChainFileListFilter<File> complete;

	/**
	 * @param settle how long a file must stay unmodified before it counts as complete; a
	 * producer still writing keeps touching it
	 */
	public Inbox(Path dir, Duration settle, Enqueuer enqueuer, Clock clock) throws IOException {
		this.dir = Files.createDirectories(dir.toAbsolutePath().normalize());
		this.enqueuer = enqueuer;
		this.clock = clock;
		// No accept-once filter: every taken file leaves the folder, and a later file of the same
		// name is a new document that must be taken too. The filters run on our own listing rather
		// than in a FileReadingMessageSource, which canonicalises what it lists: a symbolic link
		// would hand us its target outside the inbox instead of the link.
		LastModifiedFileListFilter settled = new LastModifiedFileListFilter();
		settled.setAge(settle);
		this.complete = new ChainFileListFilter<>(List.of(new IgnoreHiddenFileListFilter(),
				new RegexPatternFileListFilter(COMPLETE_NAME), settled));
	}

	public Path dir() {
		return this.dir;
	}

	/**
	 * Takes every complete file present now. Stops early, leaving the rest in place, when the
	 * database is unavailable: that is no fault of the files.
	 * @return how many files were queued
	 */
	public int drain() {
		int queued = 0;
		for (File complete : this.complete.filterFiles(list())) {
			Path file = complete.toPath();
			try {
				if (take(file)) {
					queued++;
				}
			}
			catch (DataAccessException ex) {
				log.warn("inbox: cannot queue {} now, the database failed ({}); it stays for the next poll", file,
						ex.getMostSpecificCause().getMessage());
				break;
			}
		}
		return queued;
	}

	private File[] list() {
		try (Stream<Path> entries = Files.list(this.dir)) {
			return entries.map(Path::toFile).toArray(File[]::new);
		}
		catch (IOException ex) {
			log.error("inbox: cannot list {}: {}", this.dir, ex.toString());
			return new File[0];
		}
	}

	private boolean take(Path file) {
		String refusal = refusal(file);
		if (refusal == null) {
			try {
				Enqueuer.Queued queued = this.enqueuer.enqueue(file, true);
				log.info("inbox: queued {} as #{} ({})", file.getFileName(), queued.id(), queued.storagePath());
				return true;
			}
			catch (IOException ex) {
				refusal = "could not be moved into storage: " + ex;
			}
		}
		reject(file, refusal);
		return false;
	}

	private static String refusal(Path file) {
		if (Files.isSymbolicLink(file)) {
			return "a symbolic link; drop the file itself";
		}
		if (!Files.isRegularFile(file)) {
			return "not a regular file (directories are not taken)";
		}
		if (!Files.isReadable(file)) {
			return "not readable by the ingestor";
		}
		return null;
	}

	private void reject(Path file, String reason) {
		String name = STAMP.format(this.clock.instant()) + "-" + file.getFileName();
		try {
			Path rejected = Files.createDirectories(this.dir.resolve(REJECTED));
			Files.move(file, rejected.resolve(name));
			Files.writeString(rejected.resolve(name + ".reason.txt"), file.getFileName() + ": " + reason + "\n",
					StandardCharsets.UTF_8);
			log.warn("inbox: rejected {}: {}; moved to {}/{}", file.getFileName(), reason, REJECTED, name);
		}
		catch (IOException ex) {
			log.error("inbox: rejected {}: {}; it could not be moved aside either ({}), so it stays in the inbox",
					file.getFileName(), reason, ex.toString());
		}
	}

}
