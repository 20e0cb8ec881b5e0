package dev.ingestor.split;

/**
 * Cuts one page into pieces of at most {@code maxTokens} model tokens. The page is read in
 * windows of bounded size, each tokenized once; pieces are cut on the tokens' offsets at the
 * best boundary in reach (paragraph, then sentence, then word, then between tokens), and each
 * piece is counted again on its own so that its count is what the model will read.
 */
final class PageCutter {

	/** Characters given to the tokenizer at once, so that no input reaches it whole. */
	static final int WINDOW_CHARS = 64 * 1024;

	private final ModelTokenizer tokenizer;

	private final int maxTokens;

	private final int overlapTokens;

	private final String text;

	/** Where the next window starts, in the page's chars. */
	private int position;

	/** The current window's token spans, in the page's chars; null when none is loaded. */
	private int[] spans;

	/** Tokens of the window that may be used (the last one of an inner window may be cut). */
	private int usable;

	private boolean lastWindow;

	/** First token of the next piece, in the current window. */
	private int next;

	private boolean done;

	PageCutter(ModelTokenizer tokenizer, int maxTokens, int overlapTokens, String text) {
		this.tokenizer = tokenizer;
		this.maxTokens = maxTokens;
		this.overlapTokens = overlapTokens;
		this.text = text;
	}

	/** The next piece, or null at the end of the page. */
	Piece next() {
		while (!this.done) {
			if (this.spans == null) {
				load();
				continue;
			}
			int from = this.next;
			if (this.lastWindow && from >= this.usable) {
				this.done = true;
			}
			else if (from >= this.usable || (!this.lastWindow && from > 0 && from + this.maxTokens > this.usable)) {
				// Too little left in this window for a full piece: read on from this piece's start
				// (the window's last token included: it may have been cut by the window's edge).
				this.position = (2 * from < this.spans.length) ? start(from) : this.position;
				this.spans = null;
			}
			else {
				return cut(from);
			}
		}
		return null;
	}

	private Piece cut(int from) {
		int reach = Math.min(from + this.maxTokens, this.usable);
		boolean endOfText = this.lastWindow && reach == this.usable;
		int to = endOfText ? reach : Boundaries.best(this.text, this.spans, from, reach);
		String piece = this.text.substring(start(from), end(to - 1));
		int tokens = this.tokenizer.count(piece);
		while (tokens > this.maxTokens && to > from + 1) {
			// Cut inside a word: alone, its pieces may tokenize longer than in context.
			to--;
			endOfText = false;
			piece = this.text.substring(start(from), end(to - 1));
			tokens = this.tokenizer.count(piece);
		}
		this.next = (endOfText) ? this.usable : overlapStart(from, to);
		return new Piece(piece, tokens);
	}

	/** Starts the next piece up to {@code overlapTokens} back, on a word boundary. */
	private int overlapStart(int from, int to) {
		for (int k = Math.max(from + 1, to - this.overlapTokens); k < to; k++) {
			if (Boundaries.rank(this.text, this.spans, k) >= Boundaries.WORD) {
				return k;
			}
		}
		return to;
	}

	private void load() {
		int from = this.position;
		while (from < this.text.length() && Character.isWhitespace(this.text.charAt(from))) {
			from++;
		}
		if (from >= this.text.length()) {
			this.done = true;
			return;
		}
		int to = Boundaries.windowEnd(this.text, from, WINDOW_CHARS);
		int[] local = this.tokenizer.spans(this.text.substring(from, to));
		for (int i = 0; i < local.length; i++) {
			local[i] += from;
		}
		this.spans = local;
		this.lastWindow = to == this.text.length();
		int count = local.length / 2;
		this.usable = (this.lastWindow || count <= 1) ? count : count - 1;
		this.next = 0;
		this.position = to;
		if (count == 0 && !this.lastWindow) {
			this.spans = null;
		}
		else if (count == 0) {
			this.done = true;
		}
	}

	private int start(int token) {
		return this.spans[2 * token];
	}

	private int end(int token) {
		return this.spans[2 * token + 1];
	}

	/** A piece of the page's text and its size in model tokens. */
	record Piece(String text, int tokens) {
	}

}
