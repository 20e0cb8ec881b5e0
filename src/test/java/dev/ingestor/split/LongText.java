package dev.ingestor.split;

/** Prose-like text of a chosen length, different at every position. */
final class LongText {

	private static final String[] VOCABULARY = { "queue", "document", "storage", "worker", "chunk", "vector", "page",
			"model", "status", "version", "server", "report", "batch", "index", "text", "token" };

	private LongText() {
	}

	static String words(int count) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append(VOCABULARY[(i * 7 + i / 16) % VOCABULARY.length]).append(i % 13 == 12 ? ". " : " ");
		}
		return text.toString().trim();
	}

}
