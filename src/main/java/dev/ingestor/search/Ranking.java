package dev.ingestor.search;

/** How the kept chunks are ordered. */
public enum Ranking {

	/** Cosine similarity alone: what the stored vectors answer by themselves. */
	VECTOR,

	/**
	 * The vector search's best {@link SearchService#HYBRID_CANDIDATES} re-ranked by cosine plus
	 * {@link SearchService#KEYWORD_WEIGHT} times the share of the query's words in the passage.
	 */
	HYBRID

}
