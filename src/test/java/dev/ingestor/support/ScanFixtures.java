package dev.ingestor.support;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** PDFs whose pages are pictures of text, as a scanner makes them, written with PDFBox. */
public final class ScanFixtures {

	private ScanFixtures() {
	}

	/** Page 1 has a text layer; page 2 is only an image of the given lines. */
	public static Path textThenScan(Path target, String typed, String... scannedLines) throws IOException {
		try (PDDocument document = new PDDocument()) {
			PDPage first = new PDPage(PDRectangle.A4);
			document.addPage(first);
			try (PDPageContentStream content = new PDPageContentStream(document, first)) {
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
				content.newLineAtOffset(72, 720);
				content.showText(typed);
				content.endText();
			}
			addScan(document, scannedLines);
			document.save(target.toFile());
		}
		return target;
	}

	/** Every page only an image. */
	public static Path scanned(Path target, String... lines) throws IOException {
		try (PDDocument document = new PDDocument()) {
			addScan(document, lines);
			document.save(target.toFile());
		}
		return target;
	}

	private static void addScan(PDDocument document, String... lines) throws IOException {
		PDPage page = new PDPage(PDRectangle.A4);
		document.addPage(page);
		PDImageXObject image = LosslessFactory.createFromImage(document, TextFixtures.renderedText(lines));
		try (PDPageContentStream content = new PDPageContentStream(document, page)) {
			float width = PDRectangle.A4.getWidth() - 72;
			content.drawImage(image, 36, 500, width, width * image.getHeight() / image.getWidth());
		}
	}

}
