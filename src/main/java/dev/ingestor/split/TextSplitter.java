package dev.ingestor.split;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import dev.ingestor.extract.ExtractedDocument;
import dev.ingestor.extract.Page;

/**
 * Cuts pages into chunks measured in the embedding model's own tokens (paragraphs first, then
 * sentences, words), so that no chunk is longer than what the model reads: an in-process MiniLM
 * silently drops everything past 128 tokens. Chunks never span pages, so each keeps its page.
 * Text is tokenized once, in bounded windows, and cut on token offsets: re-counting growing
 * prefixes, as a recursive splitter does, made splitting cost more than parsing the PDFs.
 */
public class TextSplitter {

	private final ModelTokenizer tokenizer;

	private final int maxTokens;

	private final int overlapTokens;

	public TextSplitter(int maxTokens, int overlapTokens, ModelTokenizer tokenizer) {
		if (overlapTokens >= maxTokens) {
			throw new IllegalArgumentException(
					"chunk overlap (" + overlapTokens + " tokens) must be smaller than the chunk size (" + maxTokens + ")");
		}
		this.tokenizer = tokenizer;
		this.maxTokens = maxTokens;
		this.overlapTokens = Math.max(overlapTokens, 0);
	}

	/** The largest chunk this splitter produces, in model tokens. */
	public int maxTokens() {
		return this.maxTokens;
	}

	/** The tokenizer chunks are measured with. */
	public ModelTokenizer tokenizer() {
		return this.tokenizer;
	}

	public List<TextChunk> split(ExtractedDocument document) {
		List<TextChunk> chunks = new ArrayList<>();
		chunks(document).forEachRemaining(chunks::add);
		return chunks;
	}

	/**
	 * The document's chunks in order, cut as they are asked for: beyond the document's own text,
	 * only one window of a page ({@link PageCutter#WINDOW_CHARS} chars) and its tokens are held.
	 */
	public Iterator<TextChunk> chunks(ExtractedDocument document) {
		return new Chunks(document.pages().iterator());
	}

	private final class Chunks implements Iterator<TextChunk> {

		private final Iterator<Page> pages;

		private Page page;

		private PageCutter cutter;

		private PageCutter.Piece ahead;

		private int index;

		Chunks(Iterator<Page> pages) {
			this.pages = pages;
		}

		@Override
		public boolean hasNext() {
			while (this.ahead == null) {
				if (this.cutter != null) {
					this.ahead = this.cutter.next();
				}
				if (this.ahead == null) {
					if (!this.pages.hasNext()) {
						return false;
					}
					this.page = this.pages.next();
					this.cutter = new PageCutter(TextSplitter.this.tokenizer, TextSplitter.this.maxTokens,
							TextSplitter.this.overlapTokens, this.page.text());
				}
			}
			return true;
		}

		@Override
		public TextChunk next() {
			if (!hasNext()) {
				throw new NoSuchElementException("no more chunks");
			}
			PageCutter.Piece piece = this.ahead;
			this.ahead = null;
			return chunk(this.index++, piece, this.page);
		}

	}

	/** The one place a chunk is made from a page: what a page carries, its chunks carry. */
	private static TextChunk chunk(int index, PageCutter.Piece piece, Page page) {
		return new TextChunk(index, piece.text(), page.number(), page.number(), piece.tokens(), page.position());
	}

}
