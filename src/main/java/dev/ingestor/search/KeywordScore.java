package dev.ingestor.search;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The share of a query's content words that a passage contains. Used only to re-rank the
 * vector search's best candidates, so it never needs an inverted index: small embedding models
 * blur rare exact words (a flag, an exit code, a product name) that a reader typed on purpose.
 */
final class KeywordScore {

	private static final Set<String> STOPWORDS = Set.of("a", "an", "and", "are", "after", "as", "at", "be", "by",
			"can", "do", "does", "for", "from", "how", "i", "if", "in", "into", "is", "it", "its", "my", "of", "on", "or",
			"the", "that", "this", "to", "what", "when", "where", "which", "who", "why", "will", "with", "you", "your",
			"there", "their", "them", "then", "than", "was", "were", "should", "would", "could", "me", "we", "our",
			"about", "get", "happens", "there's");

	private final Set<String> terms;

	KeywordScore(String query) {
		this.terms = terms(query);
	}

	/** From 0 (no content word of the query) to 1 (all of them). */
	double of(String passage) {
		if (this.terms.isEmpty()) {
			return 0;
		}
		Set<String> present = terms(passage);
		long found = this.terms.stream().filter(present::contains).count();
		return (double) found / this.terms.size();
	}

	static Set<String> terms(String text) {
		Set<String> terms = new LinkedHashSet<>();
		for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
			if (word.length() > 1 && !STOPWORDS.contains(word)) {
				terms.add(stem(word));
			}
		}
		return terms;
	}

	/** A crude suffix strip, enough to match "restart", "restarts" and "restarted". */
	static String stem(String word) {
		for (String suffix : new String[] { "ing", "ed", "es", "s" }) {
			if (word.length() > suffix.length() + 3 && word.endsWith(suffix)) {
				return word.substring(0, word.length() - suffix.length());
			}
		}
		return word;
	}

}
