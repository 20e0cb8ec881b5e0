package dev.ingestor.search;

import java.util.List;

/**
 * The ranked passages and what finding them cost.
 *
 * @param query the question as asked
 * @param model the configured embedding model; only chunks stored with it were compared
 * @param dimension the query vector's dimension; only chunks of this dimension were compared
 * @param ranking how the hits were ordered: {@code vector} or {@code hybrid}
 * @param hits best first, at most k
 * @param rowsScanned active chunks of this model and dimension whose vectors were read
 * @param scanMillis time spent streaming and scoring the vectors
 * @param totalMillis the whole search, query embedding included
 * @param otherModels when nothing of the configured model matched: the active chunks stored
 *     with other models, which are never compared; empty otherwise
 */
public record SearchResult(String query, String model, int dimension, String ranking, List<SearchHit> hits,
		long rowsScanned, long scanMillis, long totalMillis, List<ModelCount> otherModels) {

	/** Active chunks stored with a model other than the configured one. */
	public record ModelCount(String model, int dimension, long chunks) {
	}

	/** True when not one active chunk was stored with the configured model and dimension. */
	public boolean noChunkOfModel() {
		return this.rowsScanned == 0;
	}

}
