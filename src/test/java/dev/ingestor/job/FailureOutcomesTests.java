package dev.ingestor.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.support.PdfFixtures;
import dev.ingestor.support.QueueFixture.Row;
import dev.ingestor.support.SteppingClock;
import dev.ingestor.support.TestPdfs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One queued row per row of the failure table (the embedding server rows aside), run together
 * with good rows in a single job: each bad row ends in its status with a specific reason and a
 * log row, the good rows are indexed, nothing stays processing, and the job completes.
 */
@TestPropertySource(properties = { "ingest.max-file-bytes=20000", "ingest.max-pages=5", "ingest.max-chars=3000",
		"ingest.extraction-timeout=3m", "ingest.ocr=off" })
class FailureOutcomesTests extends H2JobTestBase {

	@TempDir
	Path tmp;

	@Test
	void everyBadInputEndsInItsStatusWithItsReasonAndTheGoodOnesAreIndexed() throws Exception {
		Map<String, Long> rows = new LinkedHashMap<>();
		rows.put("missing", this.queue.queueNew("docs/missing.pdf"));
		Files.createDirectories(this.queue.storage().resolve("docs/folder.pdf"));
		rows.put("directory", this.queue.queueNew("docs/folder.pdf"));
		Path outside = this.queue.storage().resolveSibling("outside-" + UUID.randomUUID() + ".txt");
		Files.writeString(outside, "Perfectly good text that lives outside storage.");
		rows.put("outside", this.queue.queueNew("../" + outside.getFileName()));
		rows.put("docx", this.queue.queueNew(this.queue.writeText("docs/letter.docx", "PK not really a docx")));
		rows.put("corrupt", this.queue.queueNew(this.queue.copy(PdfFixtures.corrupt(this.tmp), "bad/corrupt.pdf")));
		rows.put("truncated", this.queue.queueNew(this.queue.copy(PdfFixtures.truncated(this.tmp), "bad/truncated.pdf")));
		rows.put("encrypted", this.queue.queueNew(this.queue.copy(PdfFixtures.encrypted(this.tmp), "bad/encrypted.pdf")));
		rows.put("scanned", this.queue.queueNew(this.queue.copy(PdfFixtures.scanned(this.tmp), "bad/scanned.pdf")));
		rows.put("blank", this.queue.queueNew(this.queue.copy(PdfFixtures.blank(this.tmp), "bad/blank.pdf")));
		rows.put("empty", this.queue.queueNew(this.queue.writeText("bad/empty.pdf", "")));
		rows.put("tooBig", this.queue.queueNew(this.queue.writeText("bad/big.txt", "word ".repeat(5000))));
		rows.put("tooMuchText", this.queue.queueNew(this.queue.writeText("bad/long.txt", "words ".repeat(1000))));
		rows.put("tooManyPages", this.queue.queueNew(this.queue.copy(TestPdfs.textPages(this.tmp.resolve("p.pdf"), 8),
				"bad/many-pages.pdf")));
		rows.put("tooSlow", this.queue.queueNew(this.queue.copy(TestPdfs.textPages(this.tmp.resolve("s.pdf"), 4),
				"bad/slow.pdf")));
		long goodPdf = this.queue.queueNew(this.queue.copy(PdfFixtures.normal(this.tmp), "good/normal.pdf"));
		long goodMd = this.queue.queueNew(this.queue.writeText("good/notes.md", "# Notes\n\nGood Markdown.\n"));

		JobExecution execution = this.jobOperatorTestUtils.startJob();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertOutcome(rows.get("missing"), "download_failed", "file not found in storage: docs/missing.pdf");
		assertOutcome(rows.get("directory"), "download_failed", "not a regular file: docs/folder.pdf");
		assertOutcome(rows.get("outside"), "download_failed", "path is outside storage");
		assertOutcome(rows.get("docx"), "failed", "unreadable .docx file");
		assertOutcome(rows.get("corrupt"), "failed", "truncated or damaged PDF");
		assertOutcome(rows.get("truncated"), "failed", "truncated or damaged PDF");
		assertOutcome(rows.get("encrypted"), "failed", "encrypted PDF");
		assertOutcome(rows.get("scanned"), "failed", "no extractable text: scanned PDF needs OCR (1 page without a text layer); OCR is off: set INGEST_OCR=auto");
		assertOutcome(rows.get("blank"), "failed", "no extractable text: scanned PDF needs OCR (2 pages without");
		assertOutcome(rows.get("empty"), "failed", "empty file");
		assertOutcome(rows.get("tooBig"), "failed", "over the size limit of 20000 bytes");
		assertOutcome(rows.get("tooMuchText"), "failed", "over the character limit of 3000");
		assertOutcome(rows.get("tooManyPages"), "failed", "8 pages, over the page limit of 5");
		assertOutcome(rows.get("tooSlow"), "failed", "longer than the time limit of 3m");
		assertThat(this.queue.row(goodPdf).status()).isEqualTo("indexed");
		assertThat(this.queue.row(goodMd).status()).isEqualTo("indexed");
		assertThat(this.queue.count("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'processing'")).isZero();
		long outsideNode = this.queue.row(rows.get("outside")).nodeId();
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_version WHERE document_node_id = " + outsideNode))
			.isZero();
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_chunk WHERE content LIKE '%outside storage%'"))
			.isZero();
	}

	@Test
	void pathsLeavingStorageAreDownloadFailedAndTheGoodTextBehindThemIsNeverIndexed() throws Exception {
		Path storage = this.queue.storage();
		Path evil = Files.createDirectories(storage.resolveSibling(storage.getFileName() + "-evil"));
		Files.writeString(evil.resolve("secret.txt"), "Sibling prefix text that must stay out of the index.");
		Path outside = Files.createDirectories(this.tmp.resolve("outside"));
		Files.writeString(outside.resolve("secret.md"), "# Secret\n\nText that must stay out of the index.\n");
		Files.createDirectories(storage.resolve("links"));
		Files.createSymbolicLink(storage.resolve("links/secret.md"), outside.resolve("secret.md"));
		Files.createSymbolicLink(storage.resolve("links/evil"), evil);
		long symlinkOut = this.queue.queueNew("links/secret.md");
		long siblingPrefix = this.queue.queueNew("links/evil/secret.txt");
		long dotDotSibling = this.queue.queueNew("../" + evil.getFileName() + "/secret.txt");
		long encoded = this.queue.queueNew("%2e%2e/" + evil.getFileName() + "/secret.txt");

		JobExecution execution = this.jobOperatorTestUtils.startJob();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertOutcome(symlinkOut, "download_failed", "path is outside storage (a link leads out of it)");
		assertOutcome(siblingPrefix, "download_failed", "path is outside storage (a link leads out of it)");
		assertOutcome(dotDotSibling, "download_failed", "path is outside storage (contains '..')");
		assertOutcome(encoded, "download_failed", "file not found in storage");
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_version")).isZero();
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_chunk")).isZero();
	}

	@Test
	void unreadableFileIsDownloadFailed() throws Exception {
		String path = this.queue.writeText("locked/secret.txt", "Text nobody may read.");
		Path file = this.queue.storage().resolve(path);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
		Assumptions.assumeFalse(Files.isReadable(file),
				"running as root: permissions do not stop root from reading, so 'unreadable' cannot be staged");
		long row = this.queue.queueNew(path);

		this.jobOperatorTestUtils.startJob();

		assertOutcome(row, "download_failed", "file is not readable: locked/secret.txt");
	}

	private void assertOutcome(long id, String status, String reason) {
		Row row = this.queue.row(id);
		assertThat(row.status()).as("status of row %d (%s)", id, row.ragMessage()).isEqualTo(status);
		assertThat(row.ragMessage()).as("rag_message of row %d", id).contains(reason);
		assertThat(row.ended()).as("ended_at of row %d", id).isTrue();
		assertThat(this.queue.logMessages(id)).as("ingestion_log of row %d", id).anyMatch(m -> m.contains(reason));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SteppingClockConfiguration {

		/** Moves a minute forward on every read, so the extraction deadline passes without sleeping. */
		@Bean
		@Primary
		Clock steppingClock() {
			return new SteppingClock(Instant.parse("2030-01-01T00:00:00Z"), Duration.ofMinutes(1));
		}

	}

}
