package dev.ingestor.extract;

/**
 * Text of one page; formats without pages give a single page 1.
 *
 * @param number 1-based page number, kept on every chunk cut from this page
 * @param text the page's text
 * @param position where a person finds this text again when a page number is not enough
 * ("slide 3", "sheet Budget rows 2-40", "section Installation", "OCR"); null when the page
 * number says it all
 */
public record Page(int number, String text, String position) {

	/** Longest position kept: a label to find text by, and the column's width is bounded. */
	public static final int MAX_POSITION = 200;

	/** A heading can be a whole paragraph: its position is cut rather than failing the insert. */
	public Page {
		if (position != null && position.length() > MAX_POSITION) {
			position = position.substring(0, MAX_POSITION - 1) + "…";
		}
	}

	public Page(int number, String text) {
		this(number, text, null);
	}

}
