package dev.ingestor.split;

/**
 * A piece of a document sized to fit the embedding model's input.
 *
 * @param index position in the document, from 0
 * @param text the chunk's text
 * @param pageStart first page it comes from
 * @param pageEnd last page it comes from
 * @param tokenCount size in the model's tokens, never over the model's limit
 * @param position the page's position ("slide 3", "sheet Budget rows 2-40", "OCR"), or null
 */
public record TextChunk(int index, String text, int pageStart, int pageEnd, int tokenCount, String position) {

	public TextChunk(int index, String text, int pageStart, int pageEnd, int tokenCount) {
		this(index, text, pageStart, pageEnd, tokenCount, null);
	}

}
