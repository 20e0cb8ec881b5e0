package dev.ingestor.extract;

import java.util.List;

/**
 * A document's text by page, ready for splitting.
 *
 * @param format what it was read as ("pdf", "text", "html")
 * @param pages pages in order; pages without text are kept so numbering stays true
 */
public record ExtractedDocument(String format, List<Page> pages) {

	public int pageCount() {
		return this.pages.size();
	}

}
