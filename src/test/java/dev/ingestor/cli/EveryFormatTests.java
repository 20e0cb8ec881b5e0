package dev.ingestor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ingestor.report.ReportService;
import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.support.OfficeFixtures;
import dev.ingestor.support.QueueFixture.Row;
import dev.ingestor.support.ScanFixtures;
import dev.ingestor.support.TesseractRequirement;
import dev.ingestor.support.TextFixtures;
import dev.ingestor.support.ZipFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One file of each format plus a scanned PDF in one run: every good file is indexed with the
 * positions a person can find again, every bad one fails with its reason, and {@code report run}
 * shows the metadata the files state.
 */
class EveryFormatTests extends H2JobTestBase {

	@TempDir
	Path tmp;

	@Autowired
	ReportService reports;

	@Test
	void everyGoodFormatIsIndexedWithPositionsAndEveryBadOneFailsWithItsReason() throws Exception {
		TesseractRequirement.require();
		Map<String, List<String>> positions = new LinkedHashMap<>();
		positions.put("docx", List.of("section Installation", "section Usage"));
		positions.put("xlsx", List.of("sheet Budget rows 1-50", "sheet Budget rows 51-100", "sheet Budget rows 101-120",
				"sheet Notes rows 1-1"));
		positions.put("xls", List.of("sheet Budget rows 1-50", "sheet Notes rows 1-1"));
		positions.put("pptx", List.of("slide 1", "slide 2", "slide 3"));
		positions.put("ppt", List.of("slide 1", "slide 2"));
		positions.put("odt", List.of("section Overview", "section Details"));
		positions.put("ods", List.of("sheet 1 rows 1-3"));
		positions.put("odp", List.of("slide 1", "slide 2"));
		positions.put("epub", List.of("section Harbour", "section Storm"));
		positions.put("eml", List.of("message", "attachment 1"));
		positions.put("msg", List.of("attachment minutes.txt"));
		positions.put("pdf", List.of("OCR"));
		positions.put("png", List.of("OCR"));
		Map<String, Long> good = new LinkedHashMap<>();
		good.put("docx", queue(OfficeFixtures.docx(this.tmp.resolve("handbook.docx"))));
		good.put("xlsx", queue(OfficeFixtures.xlsx(this.tmp.resolve("budget.xlsx"))));
		good.put("xls", queue(OfficeFixtures.xls(this.tmp.resolve("budget.xls"))));
		good.put("pptx", queue(OfficeFixtures.pptx(this.tmp.resolve("deck.pptx"))));
		good.put("ppt", queue(OfficeFixtures.ppt(this.tmp.resolve("deck.ppt"))));
		good.put("odt", queue(ZipFixtures.odt(this.tmp.resolve("text.odt"))));
		good.put("ods", queue(ZipFixtures.ods(this.tmp.resolve("sheet.ods"))));
		good.put("odp", queue(ZipFixtures.odp(this.tmp.resolve("slides.odp"))));
		good.put("epub", queue(ZipFixtures.epub(this.tmp.resolve("book.epub"))));
		good.put("rtf", queue(TextFixtures.rtf(this.tmp.resolve("note.rtf"))));
		good.put("eml", queue(TextFixtures.eml(this.tmp.resolve("mail.eml"))));
		good.put("msg", queue(TextFixtures.msg(this.tmp.resolve("mail.msg"))));
		good.put("xml", queue(TextFixtures.xml(this.tmp.resolve("catalog.xml"))));
		good.put("csv", queue(Files.writeString(this.tmp.resolve("table.csv"), "item,price\nbolts,3\nnuts,2\n")));
		good.put("json", queue(Files.writeString(this.tmp.resolve("data.json"), "{\"harbour\": \"north\"}")));
		good.put("pdf", queue(ScanFixtures.scanned(this.tmp.resolve("scan.pdf"), "Harbour inspection report")));
		good.put("png", queue(TextFixtures.png(this.tmp.resolve("photo.png"), "Quarterly harbour fees")));
		Map<Long, String> bad = new LinkedHashMap<>();
		bad.put(queue(Files.writeString(this.tmp.resolve("corrupt.docx"), "PK not really a docx")), "unreadable .docx file");
		bad.put(queue(OfficeFixtures.encryptedXlsx(this.tmp.resolve("locked.xlsx"))),
				"password-protected .xlsx file: it needs a password to open");
		bad.put(queue(ZipFixtures.encryptedOdt(this.tmp.resolve("locked.odt"))),
				"password-protected .odt file: it needs a password to open");
		bad.put(queue(OfficeFixtures.emptyPptx(this.tmp.resolve("empty.pptx"))), "no extractable text: the document is blank");
		bad.put(queue(Files.writeString(this.tmp.resolve("archive.zip"), "PK")), "unsupported document type '.zip' (supported: ");

		JobExecution execution = this.jobOperatorTestUtils.startJob();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		good.forEach((format, id) -> {
			Row row = this.queue.row(id);
			assertThat(row.status()).as("%s: %s", format, row.ragMessage()).isEqualTo("indexed");
			assertThat(chunkPositions(id)).as(format).containsAll(positions.getOrDefault(format, List.of()));
		});
		bad.forEach((id, reason) -> {
			Row row = this.queue.row(id);
			assertThat(row.status()).isEqualTo("failed");
			assertThat(row.ragMessage()).contains(reason);
			assertThat(this.queue.logMessages(id)).anySatisfy(message -> assertThat(message).contains(reason));
		});
		assertThat(this.queue.row(bad.keySet().stream().reduce((a, b) -> b).orElseThrow()).ragMessage())
			.contains("docx", "eml", "epub", "msg", "odp", "png", "pptx", "xlsx");
		assertThat(chunkText(good.get("pdf"))).contains("Harbour inspection report");
		assertThat(chunkText(good.get("msg"))).contains("Minutes of the lighthouse keepers");
		String report = ReportText.render(this.reports.runDetail(execution.getId()).orElseThrow());
		assertThat(report).contains("Operator handbook", "Ada Lovelace", "en-GB", "2024-03-14 09:30:00")
			.contains("Tides of the North", "Mary Shelley");
	}

	private long queue(Path file) throws Exception {
		return this.queue.queueNew(this.queue.copy(file, "formats/" + file.getFileName()));
	}

	private List<String> chunkPositions(long itemId) {
		return this.jdbc.sql("""
				SELECT c.position FROM document_chunk c JOIN document_version v ON v.id = c.document_version_id
				WHERE v.queue_item_id = :item ORDER BY c.chunk_index""").param("item", itemId).query(String.class).list();
	}

	private String chunkText(long itemId) {
		return String.join(" ", this.jdbc.sql("""
				SELECT c.content FROM document_chunk c JOIN document_version v ON v.id = c.document_version_id
				WHERE v.queue_item_id = :item ORDER BY c.chunk_index""").param("item", itemId).query(String.class).list());
	}

}
