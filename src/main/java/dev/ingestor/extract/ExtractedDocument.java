package dev.ingestor.extract;

import java.util.List;

/**
 * A document's text by page, ready for splitting.
 *
 * @param format what it was read as ("pdf", "text", "html", "docx", ...)
 * @param pages pages in order; pages without text are kept so numbering stays true
 * @param metadata title, author, language and creation date, where the file has them
 */
public record ExtractedDocument(String format, List<Page> pages, DocumentMetadata metadata) {

	public ExtractedDocument(String format, List<Page> pages) {
		this(format, pages, DocumentMetadata.NONE);
	}

	public int pageCount() {
		return this.pages.size();
	}

}
