package dev.ingestor.extract;

import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.ingestor.support.OfficeFixtures;
import dev.ingestor.support.TestPdfs;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.ingestor.extract.ExtractionFixture.extract;
import static dev.ingestor.extract.ExtractionFixture.extraction;
import static dev.ingestor.extract.ExtractionFixture.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tika's 100,000-character write limit never cuts a document; our character, size and time
 * limits bound every format, embedded documents and zip bombs included.
 */
class TikaLimitsTests {

	@TempDir
	Path tmp;

	@Test
	void aDocumentOfThreeHundredThousandCharactersIsReadToItsLastWord() throws Exception {
		Path docx = this.tmp.resolve("long.docx");
		try (XWPFDocument document = new XWPFDocument(); OutputStream out = Files.newOutputStream(docx)) {
			for (int i = 0; i < 3000; i++) {
				document.createParagraph().createRun().setText("Paragraph " + i + " " + "harbour ".repeat(12));
			}
			document.createParagraph().createRun().setText("The very last words.");
			document.write(out);
		}

		ExtractedDocument document = extract(extraction(properties(this.tmp), Clock.systemUTC()), docx);

		String text = String.join("\n", document.pages().stream().map(Page::text).toList());
		assertThat(text.length()).isGreaterThan(300_000);
		assertThat(text).contains("Paragraph 2999").endsWith("The very last words.");
	}

	@Test
	void officeFilesCutAnywhereFailAsTruncatedInsteadOfBeingReadAsWhole() throws Exception {
		Path whole = OfficeFixtures.docx(this.tmp.resolve("whole.docx"));
		Path pptx = OfficeFixtures.pptx(this.tmp.resolve("whole.pptx"));
		Extraction extraction = extraction(properties(this.tmp), Clock.systemUTC());
		assertThat(extract(extraction, whole).pages()).isNotEmpty();

		for (Path source : new Path[] { whole, pptx }) {
			byte[] bytes = Files.readAllBytes(source);
			for (double share : new double[] { 0.5, 0.9, 0.99 }) {
				String name = source.getFileName().toString();
				Path cut = this.tmp.resolve("cut-" + (int) (share * 100) + "-" + name);
				Files.write(cut, Arrays.copyOf(bytes, (int) (bytes.length * share)));

				assertThatThrownBy(() -> extract(extraction, cut)).isInstanceOf(ExtractionException.class)
					.hasMessageStartingWith("truncated or damaged ." + name.substring(name.lastIndexOf('.') + 1) + " file: ");
			}
		}
	}

	@Test
	void aParagraphLongHeadingGivesAPositionCutToFitItsColumn() {
		String longHeading = "Installation " + "and more ".repeat(300);

		Page page = new Page(1, "text", "section " + longHeading);

		assertThat(page.position()).hasSize(Page.MAX_POSITION).startsWith("section Installation and more").endsWith("…");
		assertThat(new Page(2, "text", "slide 3").position()).isEqualTo("slide 3");
	}

	@Test
	void ourCharacterLimitFailsALongDocumentWithItsOwnMessage() throws Exception {
		Path xlsx = OfficeFixtures.xlsx(this.tmp.resolve("budget.xlsx"));
		Extraction extraction = extraction(properties(this.tmp, "ingest.max-chars", "500"), Clock.systemUTC());

		assertThatThrownBy(() -> extract(extraction, xlsx)).isInstanceOf(LimitExceededException.class)
			.hasMessage("document text is over the character limit of 500");
	}

	@Test
	void anAttachmentCountsAgainstTheSameCharacterLimit() throws Exception {
		String big = "Attached minutes. ".repeat(2000);
		Path eml = Files.writeString(this.tmp.resolve("big.eml"), """
				From: a@example.org\r
				Subject: Minutes\r
				MIME-Version: 1.0\r
				Content-Type: multipart/mixed; boundary="b"\r
				\r
				--b\r
				Content-Type: text/plain\r
				\r
				Short body.\r
				--b\r
				Content-Type: text/plain; name="minutes.txt"\r
				Content-Disposition: attachment; filename="minutes.txt"\r
				\r
				%s\r
				--b--\r
				""".formatted(big));
		Extraction extraction = extraction(properties(this.tmp, "ingest.max-chars", "10000"), Clock.systemUTC());

		assertThatThrownBy(() -> extract(extraction, eml)).isInstanceOf(LimitExceededException.class)
			.hasMessage("document text is over the character limit of 10000");
	}

	@Test
	void aZipBombIsStoppedWhileItExpands() throws Exception {
		// 40 million characters of paragraphs compress to well under a megabyte.
		Path odt = this.tmp.resolve("bomb.odt");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(odt))) {
			zip.putNextEntry(new ZipEntry("mimetype"));
			zip.write("application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII));
			zip.putNextEntry(new ZipEntry("content.xml"));
			Writer writer = new java.io.OutputStreamWriter(zip, StandardCharsets.UTF_8);
			writer.write("<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
					+ " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>");
			String paragraph = "<text:p>" + "a".repeat(4000) + "</text:p>";
			for (int i = 0; i < 10_000; i++) {
				writer.write(paragraph);
			}
			writer.write("</office:text></office:body></office:document-content>");
			writer.flush();
			zip.closeEntry();
		}
		assertThat(Files.size(odt)).isLessThan(1024 * 1024);

		assertThatThrownBy(() -> extract(extraction(properties(this.tmp), Clock.systemUTC()), odt))
			.isInstanceOfAny(LimitExceededException.class, ExtractionException.class)
			.message()
			.containsAnyOf("over the character limit of 20000000", "zip bomb");
	}

	@Test
	void aTypeNothingReadsFailsWithTheListOfSupportedTypes() throws Exception {
		Path zip = Files.writeString(this.tmp.resolve("archive.zip"), "PK");

		assertThatThrownBy(() -> extract(extraction(properties(this.tmp), Clock.systemUTC()), zip))
			.isInstanceOf(UnsupportedDocumentException.class)
			.hasMessageStartingWith("unsupported document type '.zip' (supported: ")
			.hasMessageContainingAll("docx", "xlsx", "pptx", "odt", "epub", "eml", "msg", "rtf", "png", "pdf");
	}

	@Test
	void aPdfKeepsItsTitleAndAuthor() throws Exception {
		Path pdf = TestPdfs.textPages(this.tmp.resolve("doc.pdf"), 1);
		try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
			document.getDocumentInformation().setTitle("Annual report");
			document.getDocumentInformation().setAuthor("Harbour board");
			document.save(pdf.toFile());
		}

		ExtractedDocument document = extract(extraction(properties(this.tmp), Clock.systemUTC()), pdf);

		assertThat(document.metadata().title()).isEqualTo("Annual report");
		assertThat(document.metadata().author()).isEqualTo("Harbour board");
	}

}
