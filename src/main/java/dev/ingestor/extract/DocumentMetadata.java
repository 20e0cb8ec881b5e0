package dev.ingestor.extract;

import java.time.Instant;

/**
 * What a file says about itself, where it says it; every field may be null.
 *
 * @param title the document's own title
 * @param author its author or sender
 * @param language its declared language (e.g. "en", "de-CH")
 * @param created when it was created or sent
 */
public record DocumentMetadata(String title, String author, String language, Instant created) {

	/** For formats that carry none. */
	public static final DocumentMetadata NONE = new DocumentMetadata(null, null, null, null);

	/**
	 * Blank values become null and long ones are cut to their column's width: these are labels
	 * for people, not indexed text, and a hostile file must not fail its own insert with them.
	 */
	public DocumentMetadata {
		title = clean(title, 500);
		author = clean(author, 255);
		language = clean(language, 35);
	}

	private static String clean(String value, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.strip();
		return (trimmed.length() <= max) ? trimmed : trimmed.substring(0, max);
	}

}
