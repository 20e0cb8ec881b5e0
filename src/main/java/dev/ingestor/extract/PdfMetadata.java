package dev.ingestor.extract;

import java.util.Calendar;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/** A PDF's document information dictionary as our {@link DocumentMetadata}. */
final class PdfMetadata {

	private PdfMetadata() {
	}

	static DocumentMetadata of(PDDocument document) {
		PDDocumentInformation info = document.getDocumentInformation();
		Calendar created = info.getCreationDate();
		String language = document.getDocumentCatalog().getLanguage();
		return new DocumentMetadata(info.getTitle(), info.getAuthor(), language,
				(created != null) ? created.toInstant() : null);
	}

}
