package dev.ingestor.split;

/**
 * Where text may be cut, best first: a paragraph break, a sentence end, a word boundary; inside
 * a word only when nothing better is in reach. Token boundaries are ranked from the text between
 * two tokens' spans, so no second pass over the text is needed.
 */
final class Boundaries {

	static final int INSIDE_WORD = 0;

	static final int WORD = 1;

	static final int SENTENCE = 2;

	static final int PARAGRAPH = 3;

	private Boundaries() {
	}

	/** The boundary in {@code (from, reach]} of highest rank, the furthest one among equals. */
	static int best(String text, int[] spans, int from, int reach) {
		int best = reach;
		int bestRank = -1;
		for (int k = reach; k > from && bestRank < PARAGRAPH; k--) {
			int rank = rank(text, spans, k);
			if (rank > bestRank) {
				best = k;
				bestRank = rank;
			}
		}
		return best;
	}

	/** How good a cut is before token {@code k}, given token spans {@code [start, end, ...]}. */
	static int rank(String text, int[] spans, int k) {
		if (2 * k >= spans.length) {
			return PARAGRAPH;
		}
		int gapStart = spans[2 * k - 1];
		int gapEnd = spans[2 * k];
		int newlines = 0;
		for (int i = gapStart; i < gapEnd; i++) {
			newlines += (text.charAt(i) == '\n') ? 1 : 0;
		}
		if (newlines >= 2) {
			return PARAGRAPH;
		}
		char last = text.charAt(gapStart - 1);
		char first = text.charAt(gapEnd);
		boolean gap = gapEnd > gapStart;
		if (isSentenceEnd(last) && (gap || last > 0x2FFF)) {
			return SENTENCE;
		}
		if (gap || !Character.isLetterOrDigit(last) || !Character.isLetterOrDigit(first) || isUnspaced(last)
				|| isUnspaced(first)) {
			return WORD;
		}
		return INSIDE_WORD;
	}

	/**
	 * Where a window of at most {@code size} chars from {@code from} should end: the last
	 * paragraph break, line break or space in its second half, else its full size.
	 */
	static int windowEnd(String text, int from, int size) {
		if (text.length() - from <= size) {
			return text.length();
		}
		int limit = from + size;
		int floor = from + size / 2;
		int line = -1;
		int space = -1;
		for (int i = limit - 1; i > floor; i--) {
			char c = text.charAt(i);
			if (c == '\n' && text.charAt(i - 1) == '\n') {
				return i + 1;
			}
			line = (c == '\n' && line < 0) ? i + 1 : line;
			space = (Character.isWhitespace(c) && space < 0) ? i + 1 : space;
		}
		int end = (line > 0) ? line : (space > 0) ? space : limit;
		return Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end;
	}

	private static boolean isSentenceEnd(char c) {
		return c == '.' || c == '!' || c == '?' || c == '\u3002' || c == '\uFF01' || c == '\uFF1F';
	}

	/** Scripts written without spaces between words (CJK, kana, hangul syllables). */
	private static boolean isUnspaced(char c) {
		return Character.isIdeographic(c) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF);
	}

}
