package dev.ingestor.extract;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.source.SourceFile;
import dev.ingestor.support.TestPdfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A real PDF cut anywhere is never extracted as if whole, although PDFBox's lenient parser
 * recovers pages from most cuts; the same end-of-file rule for ZIP containers.
 */
class TruncatedDocumentTests {

	@TempDir
	Path tmp;

	@ParameterizedTest(name = "cut at {0}% of its bytes")
	@ValueSource(ints = { 10, 50, 90, 99 })
	void pdfCutAnywhereFailsAsTruncatedSayingWhatCouldBeRead(int percent) throws IOException {
		byte[] whole = Files.readAllBytes(TestPdfs.textPages(this.tmp.resolve("whole.pdf"), 30, 20));
		Path cut = write("cut.pdf", Arrays.copyOf(whole, whole.length * percent / 100));

		assertThatExceptionOfType(ExtractionException.class).isThrownBy(() -> extract(cut))
			.withMessageStartingWith("truncated or damaged PDF: ")
			.withMessageContaining("could be read");
	}

	@Test
	void pdfCutJustBeforeItsEndOfFileMarkerFailsAsTruncated() throws IOException {
		byte[] whole = Files.readAllBytes(TestPdfs.textPages(this.tmp.resolve("whole.pdf"), 3, 20));
		int eof = new String(whole, StandardCharsets.ISO_8859_1).lastIndexOf("%%EOF");
		Path cut = write("cut.pdf", Arrays.copyOf(whole, eof));

		assertThatExceptionOfType(ExtractionException.class).isThrownBy(() -> extract(cut))
			.withMessageStartingWith("truncated or damaged PDF: no end-of-file marker")
			.withMessageContaining("3 pages recovered");
	}

	@Test
	void wholePdfAndOneWithTrailingBytesAfterItsEndAreStillRead() throws IOException {
		Path whole = TestPdfs.textPages(this.tmp.resolve("whole.pdf"), 3, 20);
		byte[] bytes = Files.readAllBytes(whole);
		Path padded = write("padded.pdf", Arrays.copyOf(bytes, bytes.length + 300));

		assertThat(extract(whole).pageCount()).isEqualTo(3);
		assertThat(extract(padded).pageCount()).isEqualTo(3);
	}

	@Test
	void zipCutBeforeItsCentralDirectoryIsReportedAndAWholeOneIsNot() throws IOException {
		Path zip = this.tmp.resolve("doc.docx");
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
			for (int i = 0; i < 20; i++) {
				out.putNextEntry(new ZipEntry("word/part" + i + ".xml"));
				out.write(("<w:t>part " + i + "</w:t>").repeat(200).getBytes(StandardCharsets.UTF_8));
				out.closeEntry();
			}
		}
		byte[] bytes = Files.readAllBytes(zip);

		assertThat(Completeness.zip(zip)).isNull();
		for (int percent : new int[] { 10, 50, 90, 99 }) {
			Path cut = write("cut" + percent + ".docx", Arrays.copyOf(bytes, bytes.length * percent / 100));
			assertThat(Completeness.zip(cut)).as("cut at %d%%", percent).contains("end-of-central-directory");
		}
		Path shifted = write("shifted.docx", Arrays.copyOfRange(bytes, 1000, bytes.length));
		assertThat(Completeness.zip(shifted)).contains("central directory");
	}

	private Path write(String name, byte[] bytes) throws IOException {
		Path target = this.tmp.resolve(name);
		try (OutputStream out = Files.newOutputStream(target)) {
			out.write(bytes);
		}
		return target;
	}

	private ExtractedDocument extract(Path pdf) throws IOException {
		IngestProperties defaults = new Binder(new MapConfigurationPropertySource(
				Map.of("ingest.storage-dir", this.tmp.toString())))
			.bindOrCreate("ingest", IngestProperties.class);
		return new Extraction(List.of(new PdfExtractor()), defaults, Clock.systemUTC()).extract(1,
				new SourceFile(pdf, Files.size(pdf), "unused"));
	}

}
