package dev.ingestor.extract;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import org.springframework.stereotype.Component;

/**
 * PDF through PDFBox, read from the file (never whole into the heap) with PDFBox's scratch
 * buffers capped in memory and spilling to temp files, one pass over the pages.
 */
@Component
class PdfExtractor implements DocumentExtractor {

	/** Heap PDFBox may use for decoded streams before it spills to a temp file. */
	static final long MAIN_MEMORY_BYTES = 32L * 1024 * 1024;

	/**
	 * Glyphs a page may hold in PDFBox's per-page lists before they are written out: a page that
	 * goes past it (several times a dense real page of 3,000 to 5,000) is read in slices, so that
	 * one page can never hold the heap.
	 */
	static final int GLYPHS_PER_SLICE = 20_000;

	/** Glyphs between two checks of the character and time limits inside a page. */
	static final int GLYPHS_PER_CHECK = 1_000;

	@Override
	public Set<String> extensions() {
		return Set.of("pdf");
	}

	@Override
	public ExtractedDocument extract(long itemId, Path file, ExtractionBudget budget) throws IOException {
		// PDFBox's lenient parser rebuilds a cut file from whatever objects it finds, so a fragment
		// would pass for the whole document: completeness is decided on the file's own end.
		String missing = Completeness.pdf(file);
		try (PDDocument document = loadChecked(itemId, file, missing)) {
			if (missing != null) {
				int pages = document.getNumberOfPages();
				throw new ExtractionException(itemId, "truncated or damaged PDF: " + missing + "; only a fragment of "
						+ Files.size(file) + " bytes could be read (" + pages + ((pages == 1) ? " page" : " pages")
						+ " recovered), so it is not indexed as if whole");
			}
			budget.checkPageCount(document.getNumberOfPages());
			PageCollector collector = new PageCollector(budget);
			collector.writeText(document, collector.buffer);
			collector.padTo(document.getNumberOfPages());
			return new ExtractedDocument("pdf", collector.pages, PdfMetadata.of(document));
		}
	}

	private static PDDocument loadChecked(long itemId, Path file, String missing) throws IOException {
		try {
			return load(itemId, file);
		}
		catch (IOException ex) {
			if (missing == null) {
				throw ex;
			}
			throw new ExtractionException(itemId,
					"truncated or damaged PDF: " + missing + "; nothing could be read (" + ex.getMessage() + ")", ex);
		}
	}

	private static PDDocument load(long itemId, Path file) throws IOException {
		try {
			return Loader.loadPDF(file.toFile(), "", MemoryUsageSetting.setupMixed(MAIN_MEMORY_BYTES).streamCache);
		}
		catch (InvalidPasswordException ex) {
			throw new ExtractionException(itemId, "encrypted PDF: it needs a password to open", ex);
		}
	}

	/**
	 * Cuts the stripper's single output into pages at each page end. PDFBox skips pages without
	 * a content stream altogether, so those are added back as empty pages to keep numbering and
	 * page counts true. Glyphs are counted as they arrive, so that the limits hold inside a page
	 * and a page of millions of glyphs is written out in slices instead of kept whole.
	 */
	private static final class PageCollector extends PDFTextStripper {

		private final StringWriter buffer = new StringWriter();

		private final List<Page> pages = new ArrayList<>();

		private final ExtractionBudget budget;

		private int glyphsInSlice;

		PageCollector(ExtractionBudget budget) {
			this.budget = budget;
			setSortByPosition(true);
		}

		@Override
		protected void startPage(PDPage page) throws IOException {
			super.startPage(page);
			this.glyphsInSlice = 0;
			setSuppressDuplicateOverlappingText(true);
		}

		@Override
		protected void processTextPosition(TextPosition text) {
			super.processTextPosition(text);
			this.glyphsInSlice++;
			if (this.glyphsInSlice % GLYPHS_PER_CHECK == 0) {
				this.budget.checkInPage(getCurrentPageNo(), this.buffer.getBuffer().length() + this.glyphsInSlice);
			}
			if (this.glyphsInSlice >= GLYPHS_PER_SLICE) {
				writeSlice();
			}
		}

		private void writeSlice() {
			try {
				writePage();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot write a slice of page " + getCurrentPageNo(), ex);
			}
			this.charactersByArticle.forEach(List::clear);
			this.glyphsInSlice = 0;
			// Its map of seen glyph positions is only cleared between pages; past one slice the
			// page is hostile or machine-made, and de-duplicating fake bold no longer matters.
			setSuppressDuplicateOverlappingText(false);
		}

		@Override
		protected void endPage(PDPage page) throws IOException {
			super.endPage(page);
			String text = this.buffer.toString();
			this.buffer.getBuffer().setLength(0);
			this.budget.addPage(text);
			padTo(getCurrentPageNo() - 1);
			this.pages.add(new Page(getCurrentPageNo(), text));
		}

		void padTo(int pageCount) {
			while (this.pages.size() < pageCount) {
				this.pages.add(new Page(this.pages.size() + 1, ""));
			}
		}

	}

}
