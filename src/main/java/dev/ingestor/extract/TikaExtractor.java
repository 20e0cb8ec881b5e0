package dev.ingestor.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.SAXException;

import org.springframework.stereotype.Component;

/**
 * Office, OpenDocument, RTF, EPUB, mail and XML through Apache Tika, cut into parts a person can
 * find again (slides, sheet row ranges, sections, attachments) by {@link PartHandler}. Text goes
 * straight into our own handler, so Tika's 100,000-character write limit never applies; our
 * character, page and time limits do, embedded documents and attachments included.
 */
@Component
class TikaExtractor implements DocumentExtractor {

	/** Container formats that are never text: a file of text under such a name is a broken one. */
	private static final Set<String> BINARY = Set.of("docx", "doc", "pptx", "ppt", "xlsx", "xls", "odt", "ods", "odp",
			"epub", "msg");

	/** ZIP containers: a file cut anywhere has lost its central directory and is not read as whole. */
	private static final Set<String> ZIPPED = Set.of("docx", "pptx", "xlsx", "odt", "ods", "odp", "epub");

	/** Loaded on first use: a run that reads no such file does not pay Tika's start-up. */
	private static final class Tika {

		static final AutoDetectParser PARSER = new AutoDetectParser();

	}

	@Override
	public Set<String> extensions() {
		return Set.of("docx", "doc", "pptx", "ppt", "xlsx", "xls", "odt", "ods", "odp", "rtf", "epub", "eml", "msg",
				"xml");
	}

	@Override
	public ExtractedDocument extract(long itemId, Path file, ExtractionBudget budget) throws IOException {
		String extension = extension(file);
		requireWholeContainer(itemId, extension, file);
		Metadata metadata = new Metadata();
		metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, file.getFileName().toString());
		ParseContext context = new ParseContext();
		// Attachments and embedded documents are parsed too, into the same bounded handler.
		context.set(Parser.class, Tika.PARSER);
		PartHandler handler = new PartHandler(budget, extension);
		try (TikaInputStream stream = TikaInputStream.get(file, metadata)) {
			Tika.PARSER.parse(stream, handler, metadata, context);
		}
		catch (EncryptedDocumentException ex) {
			throw new ExtractionException(itemId,
					"password-protected ." + extension + " file: it needs a password to open", ex);
		}
		catch (TikaException | SAXException | RuntimeException ex) {
			throw failure(itemId, extension, ex);
		}
		requireParser(itemId, extension, metadata);
		return new ExtractedDocument(extension, handler.pages(), TikaMetadata.of(metadata));
	}

	/**
	 * The same rule as for PDFs: POI and Tika recover what they can from a cut ZIP, and a fragment
	 * must not be indexed as if it were the document. A file that is no ZIP at all is left to the
	 * content check below, which names it unreadable.
	 */
	private static void requireWholeContainer(long itemId, String extension, Path file) throws IOException {
		if (!ZIPPED.contains(extension) || !Completeness.startsAsZip(file)) {
			return;
		}
		String missing = Completeness.zip(file);
		if (missing != null) {
			throw new ExtractionException(itemId, "truncated or damaged ." + extension + " file: " + missing
					+ "; it is not indexed as if whole");
		}
	}

	/** A file whose content no parser claims (a ".docx" that is not one) is broken, not blank. */
	private void requireParser(long itemId, String extension, Metadata metadata) {
		String type = metadata.get(Metadata.CONTENT_TYPE);
		MediaType mediaType = (type != null) ? MediaType.parse(type) : null;
		if (mediaType == null || !Tika.PARSER.getParsers().containsKey(mediaType.getBaseType())
				|| (BINARY.contains(extension) && "text".equals(mediaType.getType()))) {
			throw new ExtractionException(itemId, "unreadable ." + extension + " file: its content is not a ."
					+ extension + " document (detected as " + type + ")");
		}
	}

	/** Our own limits travel through Tika's SAX plumbing, sometimes wrapped: they win. */
	private static RuntimeException failure(long itemId, String extension, Exception ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof LimitExceededException limit) {
				return limit;
			}
			if (cause instanceof ExtractionException extraction) {
				return extraction;
			}
			if (cause instanceof EncryptedDocumentException) {
				return new ExtractionException(itemId,
						"password-protected ." + extension + " file: it needs a password to open", ex);
			}
			if (cause.getMessage() != null && cause.getMessage().toLowerCase(Locale.ROOT).contains("zip bomb")) {
				// Tika's SecureContentHandler: far more output than input, or absurdly deep XML.
				return new ExtractionException(itemId,
						"rejected ." + extension + " file: it expands like a zip bomb (" + cause.getMessage() + ")", ex);
			}
			if (cause != ex && cause.getMessage() != null) {
				message = message + ": " + cause.getMessage();
			}
		}
		return new ExtractionException(itemId, "unreadable ." + extension + " file: " + message, ex);
	}

	private static String extension(Path file) {
		String name = file.getFileName().toString();
		return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
	}

}
