package dev.ingestor.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The k best scores seen so far, in a min-heap of at most k entries: a scan over a million
 * vectors keeps k candidates in memory, never the table. Ties go to the lower chunk id, so the
 * order is the same on every database and every run.
 */
final class TopK {

	/** A chunk and its score; nothing else is kept while scanning. */
	record Candidate(long chunkId, double score) {
	}

	/** Best first: higher score, then lower id. */
	static final Comparator<Candidate> BEST_FIRST = Comparator.comparingDouble(Candidate::score)
		.reversed()
		.thenComparingLong(Candidate::chunkId);

	private final int k;

	/** Worst at the head, so that a better candidate evicts it in O(log k). */
	private final PriorityQueue<Candidate> heap;

	TopK(int k) {
		this.k = k;
		this.heap = new PriorityQueue<>(k + 1, BEST_FIRST.reversed());
	}

	void offer(long chunkId, double score) {
		if (this.heap.size() < this.k) {
			this.heap.add(new Candidate(chunkId, score));
			return;
		}
		Candidate worst = this.heap.peek();
		Candidate candidate = new Candidate(chunkId, score);
		if (BEST_FIRST.compare(candidate, worst) < 0) {
			this.heap.poll();
			this.heap.add(candidate);
		}
	}

	int size() {
		return this.heap.size();
	}

	/** The kept candidates, best first. */
	List<Candidate> best() {
		List<Candidate> sorted = new ArrayList<>(this.heap);
		sorted.sort(BEST_FIRST);
		return sorted;
	}

}
