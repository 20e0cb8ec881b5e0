package dev.ingestor.queue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;

/**
 * The daemon's drop folder. A file is taken when its name is final (not a temporary name of a
 * writer that renames when done), its size and modification time have not changed over a full
 * poll interval, and no process on this machine holds it open for writing. It is then moved
 * into storage and queued crash-safely ({@link InboxTake}). A file that cannot be taken is moved
 * to {@code .rejected/} with a {@code .reason.txt} beside it, so nothing dropped is ever lost.
 */
public class Inbox {

	/** Where refused files go; a dot-directory, so the inbox never offers it again. */
	static final String REJECTED = ".rejected";

	/**
	 * Names that are still being written by their producer: {@code ~lock} files, and the
	 * temporary suffixes of editors, browsers, curl/wget and rsync-like tools.
	 */
	static final String COMPLETE_NAME = "^(?!~)(?!.*\\.(?i:tmp|temp|part|partial|crdownload|download|swp)$).+$";

	/** Longest file name most file systems take, in bytes; a rejected name is shortened to fit. */
	static final int MAX_NAME_BYTES = 255;

	private static final String REASON_SUFFIX = ".reason.txt";

	private static final Pattern COMPLETE = Pattern.compile(COMPLETE_NAME);

	private static final Logger log = LoggerFactory.getLogger(Inbox.class);

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final Path dir;

	private final Duration settle;

	private final Clock clock;

	private final InboxTake taker;

	/** Size and modification time of each waiting file, and since when they have not changed. */
	private final Map<Path, Seen> seen = new HashMap<>();

	/** @param settle how long a file's size and modification time must stay unchanged: one poll interval */
	public Inbox(Path dir, Duration settle, Enqueuer enqueuer, Clock clock) throws IOException {
		this.dir = Files.createDirectories(dir.toAbsolutePath().normalize());
		this.settle = settle;
		this.clock = clock;
		this.taker = new InboxTake(this.dir, enqueuer);
	}

	public Path dir() {
		return this.dir;
	}

	/**
	 * Finishes takes a crash interrupted, then takes every file that is ready now. Stops early,
	 * leaving the rest in place, when the database is unavailable: that is no fault of the files.
	 * @return how many files were queued
	 */
	public int drain() {
		int queued = 0;
		try {
			this.taker.recover();
			Instant now = this.clock.instant();
			List<Path> ready = list().stream().filter(file -> ready(file, now)).toList();
			Set<Path> held = WriteHolders.among(ready.stream().map(Path::toAbsolutePath).collect(Collectors.toSet()));
			for (Path file : ready) {
				if (held.contains(file.toAbsolutePath())) {
					log.info("inbox: {} is still open for writing; it waits", file.getFileName());
				}
				else if (take(file)) {
					queued++;
				}
			}
		}
		catch (DataAccessException ex) {
			log.warn("inbox: cannot queue now, the database failed ({}); files stay for the next poll",
					ex.getMostSpecificCause().getMessage());
		}
		catch (IOException ex) {
			log.error("inbox: cannot finish an interrupted take in {}: {}", this.dir, ex.toString());
		}
		return queued;
	}

	private List<Path> list() {
		try (Stream<Path> entries = Files.list(this.dir)) {
			List<Path> files = entries.filter(file -> !file.getFileName().toString().startsWith("."))
				.filter(file -> COMPLETE.matcher(file.getFileName().toString()).matches())
				.toList();
			this.seen.keySet().retainAll(files);
			return files;
		}
		catch (IOException ex) {
			log.error("inbox: cannot list {}: {}", this.dir, ex.toString());
			return List.of();
		}
	}

	/** Non-regular files are ready at once (to be moved aside); regular ones once they have settled. */
	private boolean ready(Path file, Instant now) {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			log.warn("inbox: cannot read {} ({}); it is tried again next poll", file.getFileName(), ex.toString());
			return false;
		}
		if (!attributes.isRegularFile()) {
			return true;
		}
		Seen current = new Seen(attributes.size(), attributes.lastModifiedTime(), now);
		Seen before = this.seen.get(file);
		if (before == null || before.size() != current.size() || !before.modified().equals(current.modified())) {
			this.seen.put(file, current);
			return false;
		}
		return !now.isBefore(before.since().plus(this.settle));
	}

	private boolean take(Path file) {
		String refusal = refusal(file);
		if (refusal == null) {
			try {
				Enqueuer.Queued queued = this.taker.take(file);
				this.seen.remove(file);
				log.info("inbox: queued {} as #{} ({})", file.getFileName(), queued.id(), queued.storagePath());
				return true;
			}
			catch (IOException | RuntimeException ex) {
				if (ex instanceof DataAccessException dataAccess) {
					throw dataAccess;
				}
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
		String original = file.getFileName().toString();
		String name = fit(STAMP.format(this.clock.instant()) + "-" + original);
		try {
			Path rejected = Files.createDirectories(this.dir.resolve(REJECTED));
			Files.move(file, rejected.resolve(name));
			this.seen.remove(file);
			Files.writeString(rejected.resolve(name + REASON_SUFFIX), original + ": " + reason + "\n",
					StandardCharsets.UTF_8);
			log.warn("inbox: rejected {}: {}; moved to {}/{}", original, reason, REJECTED, name);
		}
		catch (IOException | RuntimeException ex) {
			log.error("inbox: rejected {}: {}; it could not be moved aside either ({}), so it stays in the inbox",
					original, reason, ex.toString());
		}
	}

	/** Shortens a name, keeping its start and extension, so that it and its reason file fit the file system. */
	static String fit(String name) {
		int budget = MAX_NAME_BYTES - REASON_SUFFIX.length();
		if (name.getBytes(StandardCharsets.UTF_8).length <= budget) {
			return name;
		}
		int dot = name.lastIndexOf('.');
		String extension = (dot > 0 && name.length() - dot <= 16) ? name.substring(dot) : "";
		String marker = "…" + extension;
		StringBuilder kept = new StringBuilder();
		int bytes = marker.getBytes(StandardCharsets.UTF_8).length;
		for (int i = 0; i < name.length() - extension.length();) {
			int codePoint = name.codePointAt(i);
			int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
			if (bytes + size > budget) {
				break;
			}
			kept.appendCodePoint(codePoint);
			bytes += size;
			i += Character.charCount(codePoint);
		}
		return kept + marker;
	}

	private record Seen(long size, FileTime modified, Instant since) {
	}

}
