package dev.ingestor.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.ingestor.support.H2JobTestBase;
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

	Inbox inbox;

	@BeforeEach
	void inbox() throws IOException {
		this.inbox = new Inbox(this.dir, Duration.ofSeconds(5), this.enqueuer, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void completeFileIsMovedIntoStorageAndQueued() throws IOException {
		Path file = settled(write("report.md", "# Quarterly report"));

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

		assertThat(ignored).allSatisfy(path -> assertThat(path).exists());
		assertThat(queuedRows()).isZero();
		assertThat(this.dir.resolve(Inbox.REJECTED)).doesNotExist();
	}

	@Test
	void fileIsTakenOnceItHasSettled() throws IOException {
		Path file = write("late.txt", "still being written");
		assertThat(this.inbox.drain()).isZero();

		settled(file);

		assertThat(this.inbox.drain()).isEqualTo(1);
		assertThat(file).doesNotExist();
	}

	@Test
	void laterFileOfTheSameNameIsTakenToo() throws IOException {
		settled(write("same.txt", "first"));
		assertThat(this.inbox.drain()).isEqualTo(1);
		settled(write("same.txt", "second"));

		assertThat(this.inbox.drain()).isEqualTo(1);

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
