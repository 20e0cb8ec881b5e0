package dev.ingestor.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** Reads one family of file formats into pages of text. */
interface DocumentExtractor {

	/** Lower-case file extensions, without the dot, that this extractor reads. */
	Set<String> extensions();

	/**
	 * Extracts the text, streaming from the file. Implementations throw
	 * {@link ExtractionException} for content they recognise as unusable; any other
	 * {@link IOException} or parser failure is reported as a corrupt file by the caller.
	 */
	ExtractedDocument extract(long itemId, Path file, ExtractionBudget budget) throws IOException;

}
