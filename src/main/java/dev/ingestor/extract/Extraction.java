package dev.ingestor.extract;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.source.SourceFile;

import org.springframework.stereotype.Component;

/**
 * Picks the extractor for a file and turns every way a document can be unusable into a
 * specific, operator-readable failure.
 */
@Component
public class Extraction {

	private final Map<String, DocumentExtractor> byExtension;

	private final IngestProperties properties;

	private final Clock clock;

	private final PdfOcr pdfOcr;

	Extraction(List<DocumentExtractor> extractors, IngestProperties properties, Clock clock) {
		this.byExtension = extractors.stream()
			.flatMap(extractor -> extractor.extensions().stream().map(ext -> Map.entry(ext, extractor)))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		this.properties = properties;
		this.clock = clock;
		this.pdfOcr = new PdfOcr(new Tesseract(properties));
	}

	/**
	 * Whether some extractor reads files with this extension (lower case, no dot), so that an
	 * upload is refused before it is queued rather than failing later.
	 */
	public boolean supports(String extension) {
		return this.byExtension.containsKey(extension);
	}

	/** The extensions some extractor reads, sorted, for messages that name them. */
	public Set<String> supportedExtensions() {
		return new TreeSet<>(this.byExtension.keySet());
	}

	/** Extracts the file's text or throws an {@link dev.ingestor.IngestException} naming why not. */
	public ExtractedDocument extract(long itemId, SourceFile file) {
		DocumentExtractor extractor = this.byExtension.get(file.extension());
		if (extractor == null) {
			throw new UnsupportedDocumentException(itemId, "unsupported document type '"
					+ (file.extension().isEmpty() ? "(no extension)" : "." + file.extension()) + "' (supported: "
					+ String.join(", ", new TreeSet<>(this.byExtension.keySet())) + ")");
		}
		if (file.size() > this.properties.maxFileBytes()) {
			throw new LimitExceededException(itemId, "file is " + file.size() + " bytes, over the size limit of "
					+ this.properties.maxFileBytes() + " bytes");
		}
		if (file.size() == 0) {
			throw new ExtractionException(itemId, "empty file: 0 bytes");
		}
		ExtractedDocument document = parse(itemId, file, extractor);
		if (document.pages().stream().allMatch(page -> page.text().isBlank())) {
			String pages = document.pageCount() + ((document.pageCount() == 1) ? " page" : " pages");
			throw new ExtractionException(itemId, !"pdf".equals(document.format())
					? "no extractable text: the document is blank"
					: this.pdfOcr.tesseract().enabled() ? "no extractable text: OCR found no text on " + pages
							: "no extractable text: scanned PDF needs OCR (" + pages + " without a text layer); "
									+ this.pdfOcr.tesseract().howToEnable());
		}
		return document;
	}

	private ExtractedDocument parse(long itemId, SourceFile file, DocumentExtractor extractor) {
		ExtractionBudget budget = new ExtractionBudget(itemId, this.properties, this.clock);
		try {
			ExtractedDocument document = extractor.extract(itemId, file.path(), budget);
			// OCR runs inside the same budget, so the time limit covers it.
			return "pdf".equals(document.format()) ? this.pdfOcr.apply(itemId, file.path(), document, budget) : document;
		}
		catch (ExtractionException | LimitExceededException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			// Parsers fail on damaged files in many ways (IOException, but also NPEs and
			// ClassCastExceptions inside PDFBox); all of them mean "this file is broken".
			String what = "pdf".equals(file.extension()) ? "corrupt or truncated PDF" : "unreadable ." + file.extension() + " file";
			throw new ExtractionException(itemId, what + ": " + ex.getMessage(), ex);
		}
	}

}
