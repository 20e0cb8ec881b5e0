package dev.ingestor.support;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Real PDFs written with PDFBox for tests; no third-party documents in the repository. */
public final class TestPdfs {

	private TestPdfs() {
	}

	/** A PDF whose every page carries its own numbered text. */
	public static Path textPages(Path target, int pages) throws IOException {
		return textPages(target, pages, 2);
	}

	/** A PDF of {@code pages} pages with {@code linesPerPage} numbered lines each (at most 45 fit). */
	public static Path textPages(Path target, int pages, int linesPerPage) throws IOException {
		try (PDDocument document = new PDDocument()) {
			PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			for (int number = 1; number <= pages; number++) {
				PDPage page = new PDPage(PDRectangle.A4);
				document.addPage(page);
				try (PDPageContentStream content = new PDPageContentStream(document, page)) {
					content.beginText();
					content.setFont(font, 10);
					content.setLeading(16);
					content.newLineAtOffset(50, 790);
					for (int line = 1; line <= linesPerPage; line++) {
						content.showText("Page " + number + " line " + line
								+ ": it talks about queues, chunks and embeddings on page " + number + ".");
						content.newLine();
					}
					content.endText();
				}
			}
			document.save(target.toFile());
		}
		return target;
	}

	/**
	 * One page holding {@code glyphs} glyphs in lines of 1,000, as a hostile or machine-made file
	 * does: its content stream compresses to a few KB however many glyphs it draws.
	 */
	public static Path glyphPage(Path target, int glyphs) throws IOException {
		try (PDDocument document = new PDDocument()) {
			PDPage page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 1);
				content.setLeading(1);
				content.newLineAtOffset(10, 830);
				String line = "x".repeat(1000);
				for (int drawn = 0; drawn < glyphs; drawn += line.length()) {
					content.showText(line.substring(0, Math.min(line.length(), glyphs - drawn)));
					content.newLine();
				}
				content.endText();
			}
			document.save(target.toFile());
		}
		return target;
	}

}
