package dev.ingestor.extract;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import dev.ingestor.config.IngestProperties.OcrMode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Reads PDF pages without a text layer (all pages under {@code INGEST_OCR=force}): PDFBox renders
 * each such page to a grey image and tesseract reads it. The page keeps its number and is marked
 * with the position "OCR", which every chunk cut from it carries.
 */
final class PdfOcr {

	/** Position of every page whose text came from OCR. */
	static final String POSITION = "OCR";

	/** Tesseract reads best at 300 dpi; less loses small print, more only costs time. */
	static final float DPI = 300;

	private final Tesseract tesseract;

	PdfOcr(Tesseract tesseract) {
		this.tesseract = tesseract;
	}

	Tesseract tesseract() {
		return this.tesseract;
	}

	ExtractedDocument apply(long itemId, Path pdf, ExtractedDocument document, ExtractionBudget budget)
			throws IOException {
		List<Integer> targets = IntStream.range(0, document.pageCount())
			.filter(i -> this.tesseract.mode() == OcrMode.FORCE || document.pages().get(i).text().isBlank())
			.boxed()
			.toList();
		if (targets.isEmpty() || !this.tesseract.enabled()) {
			return document;
		}
		List<Page> pages = new ArrayList<>(document.pages());
		long chars = 0;
		try (PDDocument pdfDocument = Loader.loadPDF(pdf.toFile(), "",
				MemoryUsageSetting.setupMixed(PdfExtractor.MAIN_MEMORY_BYTES).streamCache)) {
			PDFRenderer renderer = new PDFRenderer(pdfDocument);
			for (int index : targets) {
				String what = "page " + (index + 1);
				if (budget.remaining().isZero()) {
					throw budget.overTime("OCR of " + what);
				}
				String text = read(itemId, renderer.renderImageWithDPI(index, DPI, ImageType.GRAY), budget, what);
				chars += text.length();
				budget.checkChars(chars);
				pages.set(index, new Page(index + 1, text, POSITION));
			}
		}
		return new ExtractedDocument(document.format(), pages, document.metadata());
	}

	private String read(long itemId, BufferedImage image, ExtractionBudget budget, String what) throws IOException {
		Path png = Files.createTempFile("ocr-page-", ".png");
		try {
			ImageIO.write(image, "png", png.toFile());
			return this.tesseract.read(png, budget, what);
		}
		catch (IOException ex) {
			throw new ExtractionException(itemId, "OCR failed on " + what + ": " + ex.getMessage(), ex);
		}
		finally {
			Files.deleteIfExists(png);
		}
	}

}
