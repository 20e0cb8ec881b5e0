package dev.ingestor.extract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import dev.ingestor.support.PdfFixtures;
import dev.ingestor.support.ScanFixtures;
import dev.ingestor.support.TesseractRequirement;
import dev.ingestor.support.TextFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.ingestor.extract.ExtractionFixture.extract;
import static dev.ingestor.extract.ExtractionFixture.extraction;
import static dev.ingestor.extract.ExtractionFixture.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scanned PDF pages and image files through the real tesseract, and what happens without it. */
class OcrTests {

	@TempDir
	Path tmp;

	@Test
	void aScannedPageIsReadKeepsItsNumberAndIsMarkedOcrWhileTheTypedPageIsLeftAlone() throws Exception {
		TesseractRequirement.require();
		Path pdf = ScanFixtures.textThenScan(this.tmp.resolve("mixed.pdf"), "Typed introduction",
				"Harbour inspection report", "Lighthouse lamps replaced");

		ExtractedDocument document = extract(extraction(properties(this.tmp), Clock.systemUTC()), pdf);

		assertThat(document.pageCount()).isEqualTo(2);
		assertThat(document.pages().get(0).text()).contains("Typed introduction");
		assertThat(document.pages().get(0).position()).isNull();
		assertThat(document.pages().get(1).number()).isEqualTo(2);
		assertThat(document.pages().get(1).position()).isEqualTo("OCR");
		assertThat(document.pages().get(1).text()).contains("Harbour inspection report").contains("Lighthouse");
	}

	@Test
	void forceReadsEveryPageEvenOneWithAText() throws Exception {
		TesseractRequirement.require();
		Path pdf = ScanFixtures.textThenScan(this.tmp.resolve("mixed.pdf"), "Typed introduction", "Scanned words");

		ExtractedDocument document = extract(extraction(properties(this.tmp, "ingest.ocr", "force"), Clock.systemUTC()),
				pdf);

		assertThat(document.pages()).extracting(Page::position).containsExactly("OCR", "OCR");
		assertThat(document.pages().get(0).text()).contains("Typed introduction");
	}

	@Test
	void pngJpegAndTiffImagesAreRead() throws Exception {
		TesseractRequirement.require();
		Extraction extraction = extraction(properties(this.tmp), Clock.systemUTC());
		for (String format : new String[] { "png", "jpg", "tiff" }) {
			Path image = this.tmp.resolve("photo." + format);
			ImageIO.write(TextFixtures.renderedText("Quarterly harbour fees"), format.equals("jpg") ? "jpeg" : format,
					image.toFile());

			ExtractedDocument document = extract(extraction, image);

			assertThat(document.pages()).singleElement().satisfies(page -> {
				assertThat(page.text()).as(format).contains("harbour fees");
				assertThat(page.position()).isEqualTo("OCR");
			});
		}
	}

	@Test
	void withoutTesseractAScannedPdfFailsSayingHowToEnableOcr() throws Exception {
		Path pdf = PdfFixtures.scanned(this.tmp);
		Extraction extraction = extraction(
				properties(this.tmp, "ingest.ocr-command", this.tmp.resolve("no-such-tesseract").toString()),
				Clock.systemUTC());

		assertThatThrownBy(() -> extract(extraction, pdf)).isInstanceOf(ExtractionException.class)
			.hasMessageContaining("scanned PDF needs OCR (1 page without a text layer)")
			.hasMessageContaining("install tesseract-ocr");
		Path png = TextFixtures.png(this.tmp.resolve("scan.png"), "Words");
		assertThatThrownBy(() -> extract(extraction, png)).isInstanceOf(ExtractionException.class)
			.hasMessageContaining("image needs OCR")
			.hasMessageContaining("install tesseract-ocr");
	}

	@Test
	void ocrOffKeepsTheScannedPdfFailureAndSaysHowToTurnItOn() throws Exception {
		Path pdf = PdfFixtures.scanned(this.tmp);
		Extraction extraction = extraction(properties(this.tmp, "ingest.ocr", "off"), Clock.systemUTC());

		assertThatThrownBy(() -> extract(extraction, pdf))
			.hasMessageContaining("scanned PDF needs OCR")
			.hasMessageContaining("set INGEST_OCR=auto");
	}

	@Test
	void theTimeLimitCoversOcr() throws Exception {
		// A tesseract that never finishes; the clock says the deadline is one second away once
		// the budget is made, so OCR is the work that runs into the limit.
		Path slow = this.tmp.resolve("slow-tesseract");
		Files.writeString(slow, "#!/bin/sh\ncase \"$1\" in --version) echo tesseract 5; exit 0;; esac\nexec sleep 120\n");
		Files.setPosixFilePermissions(slow, PosixFilePermissions.fromString("rwx------"));
		Path pdf = PdfFixtures.scanned(this.tmp);
		Extraction extraction = extraction(
				properties(this.tmp, "ingest.ocr-command", slow.toString(), "ingest.extraction-timeout", "1m"),
				new JumpingClock(Duration.ofSeconds(59)));

		assertThatThrownBy(() -> extract(extraction, pdf)).isInstanceOf(LimitExceededException.class)
			.hasMessage("extraction took longer than the time limit of 1m (stopped during OCR of page 1)");
	}

	/** Reads the start time once, then a fixed time later for every further reading. */
	private static final class JumpingClock extends Clock {

		private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

		private final Duration jump;

		private final AtomicInteger reads = new AtomicInteger();

		JumpingClock(Duration jump) {
			this.jump = jump;
		}

		@Override
		public Instant instant() {
			return (this.reads.getAndIncrement() == 0) ? this.start : this.start.plus(this.jump);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
