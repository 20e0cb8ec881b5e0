package dev.ingestor.extract;

import java.io.IOException;
import java.io.StringWriter;
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

import org.springframework.stereotype.Component;

/**
 * PDF through PDFBox, read from the file (never whole into the heap) with PDFBox's scratch
 * buffers capped in memory and spilling to temp files, one pass over the pages.
 */
@Component
class PdfExtractor implements DocumentExtractor {

	/** Heap PDFBox may use for decoded streams before it spills to a temp file. */
	static final long MAIN_MEMORY_BYTES = 32L * 1024 * 1024;

	@Override
	public Set<String> extensions() {
		return Set.of("pdf");
	}

	@Override
	public ExtractedDocument extract(long itemId, Path file, ExtractionBudget budget) throws IOException {
		try (PDDocument document = load(itemId, file)) {
			budget.checkPageCount(document.getNumberOfPages());
			PageCollector collector = new PageCollector(budget);
			collector.writeText(document, collector.buffer);
			collector.padTo(document.getNumberOfPages());
			return new ExtractedDocument("pdf", collector.pages, PdfMetadata.of(document));
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
	 * page counts true.
	 */
	private static final class PageCollector extends PDFTextStripper {

		private final StringWriter buffer = new StringWriter();

		private final List<Page> pages = new ArrayList<>();

		private final ExtractionBudget budget;

		PageCollector(ExtractionBudget budget) {
			this.budget = budget;
			setSortByPosition(true);
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
