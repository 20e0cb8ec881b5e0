package dev.ingestor.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox on a real directory and a real (H2) queue: what it takes, what it leaves, what it refuses. */
class InboxTests extends H2JobTestBase {

	static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	@TempDir
	Path dir;

	@Autowired
	Enqueuer enqueuer;

	static final Duration POLL = Duration.ofSeconds(5);

	Inbox inbox;

	MutableClock clock;

	@BeforeEach
	void inbox() throws IOException {
		this.clock = new MutableClock(NOW);
		this.inbox = new Inbox(this.dir, POLL, this.enqueuer, this.clock);
	}

	@Test
	void completeFileIsMovedIntoStorageAndQueued() throws IOException {
		Path file = settled(write("report.md", "# Quarterly report"));

		assertThat(this.inbox.drain()).as("first seen: it must stay unchanged for a poll interval").isZero();
		this.clock.advance(POLL);
		assertThat(this.inbox.drain()).isEqualTo(1);

		assertThat(file).doesNotExist();
		Map<String, Object> row = this.jdbc.sql("""
				SELECT q.status, q.storage_path, n.name FROM ingestion_queue_item q
				JOIN document_node n ON n.id = q.document_node_id""").query().singleRow();
		assertThat(row).containsEntry("STATUS", "queued").containsEntry("NAME", "report.md");
		Path stored = this.queue.storage().resolve((String) row.get("STORAGE_PATH"));
		assertThat(stored).hasContent("# Quarterly report");
	}

	@Test
	void temporaryHiddenAndStillGrowingFilesAreLeftAlone() throws IOException {
		List<Path> ignored = List.of(settled(write(".hidden.pdf", "x")), settled(write("download.pdf.part", "x")),
				settled(write("a.tmp", "x")), settled(write("b.crdownload", "x")), settled(write("~lock.docx", "x")),
				write("growing.pdf", "written a moment ago"));

		assertThat(this.inbox.drain()).isZero();
		this.clock.advance(POLL);
		Files.writeString(this.dir.resolve("growing.pdf"), " and more", StandardOpenOption.APPEND);
		assertThat(this.inbox.drain()).isZero();

		assertThat(ignored).allSatisfy(path -> assertThat(path).exists());
		assertThat(queuedRows()).isZero();
		assertThat(this.dir.resolve(Inbox.REJECTED)).doesNotExist();
	}

	@Test
	void fileIsTakenOnceItHasSettled() throws IOException {
		Path file = write("late.txt", "still being written");
		assertThat(this.inbox.drain()).isZero();
		this.clock.advance(POLL.minusMillis(1));
		assertThat(this.inbox.drain()).as("not yet a full poll interval").isZero();

		this.clock.advance(Duration.ofMillis(1));

		assertThat(this.inbox.drain()).isEqualTo(1);
		assertThat(file).doesNotExist();
	}

	@Test
	void laterFileOfTheSameNameIsTakenToo() throws IOException {
		settled(write("same.txt", "first"));
		assertThat(drainOverAPollInterval()).isEqualTo(1);
		settled(write("same.txt", "second"));

		assertThat(drainOverAPollInterval()).isEqualTo(1);

		assertThat(queuedRows()).isEqualTo(2);
	}

	@Test
	void directoryAndSymlinkAreMovedAsideWithTheirReason(@TempDir Path outside) throws IOException {
		Path folder = Files.createDirectory(this.dir.resolve("folder"));
		Files.writeString(folder.resolve("inside.txt"), "kept");
		Files.setLastModifiedTime(folder, FileTime.from(Instant.now().minus(Duration.ofMinutes(1))));
		Path target = settled(Files.writeString(outside.resolve("elsewhere.txt"), "outside"));
		Files.createSymbolicLink(this.dir.resolve("link.txt"), target);

		assertThat(this.inbox.drain()).isZero();

		Path rejected = this.dir.resolve(Inbox.REJECTED);
		assertThat(rejected.resolve("20260301T120000.000Z-folder").resolve("inside.txt")).hasContent("kept");
		assertThat(rejected.resolve("20260301T120000.000Z-folder.reason.txt")).content()
			.contains("folder: not a regular file");
		assertThat(rejected.resolve("20260301T120000.000Z-link.txt.reason.txt")).content()
			.contains("link.txt: a symbolic link");
		assertThat(target).hasContent("outside");
		assertThat(queuedRows()).isZero();
		// The .rejected folder is itself hidden: the next drain does not offer it again.
		assertThat(this.inbox.drain()).isZero();
	}

	@Test
	void fileHeldOpenForWritingWaitsThoughItsSizeAndTimeLookSettled() throws IOException {
		Path file = this.dir.resolve("paused.pdf");
		try (FileChannel writer = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			writer.write(ByteBuffer.wrap("%PDF-1.7 first half".getBytes(StandardCharsets.US_ASCII)));
			settled(file);

			assertThat(drainOverAPollInterval()).isZero();
			this.clock.advance(Duration.ofMinutes(1));
			assertThat(this.inbox.drain()).isZero();
			assertThat(file).exists();
		}

		assertThat(this.inbox.drain()).as("closed by its writer, unchanged for long enough").isEqualTo(1);
	}

	@Test
	void rejectedFileWithANameTooLongForThePrefixIsMovedAsideWithItsFullName(@TempDir Path outside)
			throws IOException {
		String longName = "é".repeat(100) + "-" + "n".repeat(40) + ".pdf";
		Path target = Files.writeString(outside.resolve("target.pdf"), "elsewhere");
		Files.createSymbolicLink(this.dir.resolve(longName), target);

		assertThat(this.inbox.drain()).isZero();

		assertThat(this.dir.resolve(longName)).doesNotExist();
		try (var rejected = Files.list(this.dir.resolve(Inbox.REJECTED))) {
			List<Path> moved = rejected.toList();
			assertThat(moved).hasSize(2)
				.allSatisfy(path -> assertThat(path.getFileName().toString().getBytes(StandardCharsets.UTF_8).length)
					.isLessThanOrEqualTo(255));
			Path reason = moved.stream().filter(path -> path.toString().endsWith(".reason.txt")).findFirst().orElseThrow();
			assertThat(reason).content(StandardCharsets.UTF_8).startsWith(longName + ": a symbolic link");
		}
	}

	private int drainOverAPollInterval() {
		int queued = this.inbox.drain();
		this.clock.advance(POLL);
		return queued + this.inbox.drain();
	}

	private long queuedRows() {
		return this.queue.count("SELECT COUNT(*) FROM ingestion_queue_item");
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.dir.resolve(name), content);
	}

	/** Dates the file a minute back, as a file whose writer finished a while ago. */
	private static Path settled(Path file) throws IOException {
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(1))));
		return file;
	}

}
