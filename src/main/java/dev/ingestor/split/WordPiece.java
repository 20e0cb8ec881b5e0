package dev.ingestor.split;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.text.Normalizer;

/**
 * BERT's tokenizer as its {@code tokenizer.json} defines it (BertNormalizer with clean text,
 * CJK padding, accent stripping and lower case; BertPreTokenizer; WordPiece), in Java: the
 * native tokenizer behind JNI managed about 80,000 tokens a second, far too slow for splitting.
 * It reports each token's span in the original text; tests compare its counts with the native one.
 */
final class WordPiece {

	private static final int MAX_CHARS_PER_WORD = 100;

	/**
	 * Punctuation in Java 17's Unicode tables that the native tokenizer's older tables do not
	 * know (found by comparing every code point); U+166D and U+111C9 go the other way.
	 */
	private static final int[] NEWER_PUNCTUATION = { 0x09FD, 0x09FD, 0x0A76, 0x0A76, 0x0C77, 0x0C77, 0x0C84, 0x0C84,
			0x2E43, 0x2E4F, 0x2E52, 0x2E52, 0x10EAD, 0x10EAD, 0x10F55, 0x10F59, 0x1144B, 0x1144F, 0x1145A, 0x1145B,
			0x1145D, 0x1145D, 0x11660, 0x1166C, 0x1183B, 0x1183B, 0x11944, 0x11946, 0x119E2, 0x119E2, 0x11A3F, 0x11A46,
			0x11A9A, 0x11A9C, 0x11A9E, 0x11AA2, 0x11C41, 0x11C45, 0x11C70, 0x11C71, 0x11EF7, 0x11EF8, 0x11FFF, 0x11FFF,
			0x16E97, 0x16E9A, 0x16FE2, 0x16FE2, 0x1E95E, 0x1E95F };

	/** Non-spacing marks in Java 17's tables that the native tokenizer keeps (it does not know them). */
	private static final int[] NEWER_MARKS = {
			0x7FD, 0x7FD, 0x8D3, 0x8E1, 0x9FE, 0x9FE, 0xAFA, 0xAFF, 0xB55, 0xB55, 0xC04, 0xC04,
			0xD00, 0xD00, 0xD3B, 0xD3C, 0xD81, 0xD81, 0xEBA, 0xEBA, 0x1885, 0x1886, 0x1ABF, 0x1AC0,
			0x1DF6, 0x1DF9, 0x1DFB, 0x1DFB, 0xA82C, 0xA82C, 0xA8C5, 0xA8C5, 0xA8FF, 0xA8FF, 0xA9BD, 0xA9BD,
			0x10D24, 0x10D27, 0x10EAB, 0x10EAC, 0x10F46, 0x10F50, 0x111C9, 0x111C9, 0x111CF, 0x111CF, 0x1123E, 0x1123E,
			0x1133B, 0x1133B, 0x11438, 0x1143F, 0x11442, 0x11444, 0x11446, 0x11446, 0x1145E, 0x1145E, 0x1182F, 0x11837,
			0x11839, 0x1183A, 0x1193B, 0x1193C, 0x1193E, 0x1193E, 0x11943, 0x11943, 0x119D4, 0x119D7, 0x119DA, 0x119DB,
			0x119E0, 0x119E0, 0x11A01, 0x11A0A, 0x11A33, 0x11A38, 0x11A3B, 0x11A3E, 0x11A47, 0x11A47, 0x11A51, 0x11A56,
			0x11A59, 0x11A5B, 0x11A8A, 0x11A96, 0x11A98, 0x11A99, 0x11C30, 0x11C36, 0x11C38, 0x11C3D, 0x11C3F, 0x11C3F,
			0x11C92, 0x11CA7, 0x11CAA, 0x11CB0, 0x11CB2, 0x11CB3, 0x11CB5, 0x11CB6, 0x11D31, 0x11D36, 0x11D3A, 0x11D3A,
			0x11D3C, 0x11D3D, 0x11D3F, 0x11D45, 0x11D47, 0x11D47, 0x11D90, 0x11D91, 0x11D95, 0x11D95, 0x11D97, 0x11D97,
			0x11EF3, 0x11EF4, 0x16F4F, 0x16F4F, 0x16FE4, 0x16FE4, 0x1E000, 0x1E006, 0x1E008, 0x1E018, 0x1E01B, 0x1E021,
			0x1E023, 0x1E024, 0x1E026, 0x1E02A, 0x1E130, 0x1E136, 0x1E2EC, 0x1E2EF, 0x1E944, 0x1E94A };

	/** Format characters in Java 17's tables that the native tokenizer keeps. */
	private static final int[] NEWER_FORMAT = { 0x8E2, 0x8E2, 0x110CD, 0x110CD, 0x13430, 0x13438 };

	private final Set<String> vocabulary;

	/** The normalized form of each BMP char, filled on first use (racy but idempotent). */
	private final String[] normalized = new String[65536];

	WordPiece(Set<String> vocabulary) {
		this.vocabulary = vocabulary;
	}

	/** Token spans {@code [start, end, ...]} in UTF-16 indices of {@code text}. */
	int[] spans(String text) {
		Spans out = new Spans(text.length() / 3 + 16);
		StringBuilder word = new StringBuilder(32);
		// For each char of the normalized word: where its source code point starts and ends.
		int[] from = new int[64];
		int[] to = new int[64];
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			int next = i + Character.charCount(cp);
			String norm = normalize(cp);
			for (int j = 0; j < norm.length();) {
				int c = norm.codePointAt(j);
				j += Character.charCount(c);
				if (c == ' ') {
					emit(word, from, to, out);
					continue;
				}
				boolean alone = isPunctuation(c) || isChinese(cp);
				if (alone) {
					emit(word, from, to, out);
				}
				if (word.length() + 2 > from.length) {
					from = Arrays.copyOf(from, from.length * 2);
					to = Arrays.copyOf(to, to.length * 2);
				}
				append(word, c, i, next, from, to);
				if (alone) {
					emit(word, from, to, out);
				}
			}
			i = next;
		}
		emit(word, from, to, out);
		return out.toArray();
	}

	private static void append(StringBuilder word, int c, int start, int end, int[] from, int[] to) {
		for (int k = 0; k < Character.charCount(c); k++) {
			from[word.length() + k] = start;
			to[word.length() + k] = end;
		}
		word.appendCodePoint(c);
	}

	/** Greedy longest-match-first word pieces; a word that cannot be covered is one [UNK]. */
	private void emit(StringBuilder word, int[] from, int[] to, Spans out) {
		int length = word.length();
		if (length == 0) {
			return;
		}
		if (word.codePointCount(0, length) > MAX_CHARS_PER_WORD) {
			out.add(from[0], to[length - 1]);
			word.setLength(0);
			return;
		}
		int mark = out.size();
		String text = word.toString();
		for (int start = 0; start < length;) {
			int end = length;
			while (end > start && !this.vocabulary.contains((start == 0) ? text.substring(0, end)
					: "##" + text.substring(start, end))) {
				end--;
				end -= (end > start && Character.isLowSurrogate(text.charAt(end))) ? 1 : 0;
			}
			if (end == start) {
				out.truncate(mark);
				out.add(from[0], to[length - 1]);
				break;
			}
			out.add(from[start], to[end - 1]);
			start = end;
		}
		word.setLength(0);
	}

	private String normalize(int cp) {
		if (cp < 128) {
			if (cp == '\t' || cp == '\n' || cp == '\r' || cp == ' ') {
				return " ";
			}
			return (cp < 32 || cp == 127) ? "" : String.valueOf((char) Character.toLowerCase(cp));
		}
		String cached = (cp < 65536) ? this.normalized[cp] : null;
		if (cached == null) {
			cached = slowNormalize(cp);
			if (cp < 65536) {
				this.normalized[cp] = cached;
			}
		}
		return cached;
	}

	private static String slowNormalize(int cp) {
		int type = Character.getType(cp);
		if (cp == 0xFFFD || type == Character.CONTROL || (type == Character.FORMAT && !within(NEWER_FORMAT, cp))
				|| type == Character.PRIVATE_USE || type == Character.SURROGATE) {
			return "";
		}
		if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
			return " ";
		}
		String nfd = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
		StringBuilder kept = new StringBuilder(nfd.length());
		nfd.codePoints()
			.filter(c -> Character.getType(c) != Character.NON_SPACING_MARK || within(NEWER_MARKS, c))
			.forEach(kept::appendCodePoint);
		return kept.toString().toLowerCase(Locale.ROOT);
	}

	static boolean isPunctuation(int c) {
		if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
			return true;
		}
		if (c < 128) {
			return false;
		}
		if (c == 0x166D || c == 0x111C9) {
			return true;
		}
		int type = Character.getType(c);
		if (type != Character.OTHER_PUNCTUATION && type != Character.DASH_PUNCTUATION) {
			return type == Character.CONNECTOR_PUNCTUATION || type == Character.START_PUNCTUATION
					|| type == Character.END_PUNCTUATION || type == Character.INITIAL_QUOTE_PUNCTUATION
					|| type == Character.FINAL_QUOTE_PUNCTUATION;
		}
		return !within(NEWER_PUNCTUATION, c);
	}

	private static boolean within(int[] ranges, int c) {
		for (int i = 0; i < ranges.length; i += 2) {
			if (c >= ranges[i] && c <= ranges[i + 1]) {
				return true;
			}
		}
		return false;
	}

	static boolean isChinese(int cp) {
		return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
				|| (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F)
				|| (cp >= 0x2B920 && cp <= 0x2CEAF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
	}

}
