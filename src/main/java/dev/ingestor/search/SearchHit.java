package dev.ingestor.search;

/**
 * One ranked passage, with what a reader needs to find it in the source document.
 *
 * @param rank 1 for the best match
 * @param score what ranked it: cosine similarity, or the hybrid score when keywords re-ranked it
 * @param cosine the cosine similarity between the query and the chunk vectors
 * @param chunkId {@code document_chunk.id}
 * @param documentId {@code document_node.id}
 * @param documentName {@code document_node.name}
 * @param versionId {@code document_version.id} the chunk belongs to
 * @param chunkIndex the chunk's position in its version
 * @param pageStart first page of the passage, from 1
 * @param pageEnd last page of the passage
 * @param text the chunk's full text
 */
public record SearchHit(int rank, double score, double cosine, long chunkId, long documentId, String documentName,
		long versionId, int chunkIndex, int pageStart, int pageEnd, String text) {

	/** "p. 2" or "pp. 2-3". */
	public String pages() {
		return (this.pageStart == this.pageEnd) ? "p. " + this.pageStart : "pp. " + this.pageStart + "-" + this.pageEnd;
	}

	/** The text on one line, cut to at most {@code max} characters. */
	public String snippet(int max) {
		return cut(flat(this.text), max);
	}

	/**
	 * The text on one line from the sentence that shares most words with the query (a chunk
	 * often holds two sections, and the answer need not be the first), cut to {@code max}.
	 */
	public String snippet(int max, String query) {
		String flat = flat(this.text);
		KeywordScore keywords = new KeywordScore(query);
		int bestStart = 0;
		double best = 0;
		int start = 0;
		for (String sentence : flat.split("(?<=[.!?])\\s+")) {
			double score = keywords.of(sentence);
			if (score > best) {
				best = score;
				bestStart = start;
			}
			start += sentence.length() + 1;
		}
		if (flat.length() - bestStart < max) {
			// A match near the end: show the text before it too, rather than a short tail.
			int from = Math.max(0, flat.length() - max + 1);
			int space = flat.indexOf(' ', from);
			bestStart = (from == 0 || space < 0 || space > bestStart) ? from : space + 1;
		}
		return ((bestStart > 0) ? "…" : "") + cut(flat.substring(bestStart), max);
	}

	private static String flat(String text) {
		return text.replaceAll("\\s+", " ").strip();
	}

	private static String cut(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, Math.max(0, max - 1)).stripTrailing() + "…";
	}

}
