package dev.ingestor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Writes the demo's PDF with PDFBox, so the repository ships no binary documents. */
final class SamplePdf {

	private static final float MARGIN = 72;

	private static final float LEADING = 16;

	private SamplePdf() {
	}

	/** One page per entry; each entry is the page's lines. */
	static void write(Path target, List<List<String>> pages) throws IOException {
		try (PDDocument document = new PDDocument()) {
			for (List<String> lines : pages) {
				addPage(document, lines);
			}
			document.save(target.toFile());
		}
	}

	/**
	 * Adds a page with these lines at the end of an existing PDF. PDFBox reads the file lazily,
	 * so the result is written beside it and then moved over it.
	 */
	static void appendPage(Path target, List<String> lines) throws IOException {
		Path edited = target.resolveSibling(target.getFileName() + ".edited");
		try (PDDocument document = Loader.loadPDF(target.toFile())) {
			addPage(document, lines);
			document.setAllSecurityToBeRemoved(true);
			document.save(edited.toFile());
		}
		Files.move(edited, target, StandardCopyOption.REPLACE_EXISTING);
	}

	private static void addPage(PDDocument document, List<String> lines) throws IOException {
		PDPage page = new PDPage(PDRectangle.A4);
		document.addPage(page);
		try (PDPageContentStream content = new PDPageContentStream(document, page)) {
			content.beginText();
			content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
			content.setLeading(LEADING);
			content.newLineAtOffset(MARGIN, page.getMediaBox().getHeight() - MARGIN);
			for (String line : lines) {
				content.showText(line);
				content.newLine();
			}
			content.endText();
		}
	}

}
