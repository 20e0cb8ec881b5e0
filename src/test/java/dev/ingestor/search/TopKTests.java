package dev.ingestor.search;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopKTests {

	@Test
	void keepsTheKBestOfManyBestFirstLikeAFullSort() {
		SplittableRandom random = new SplittableRandom(7);
		List<TopK.Candidate> all = new ArrayList<>();
		TopK top = new TopK(10);
		for (long id = 1; id <= 50_000; id++) {
			double score = Math.round(random.nextDouble() * 1000) / 1000.0; // many ties
			all.add(new TopK.Candidate(id, score));
			top.offer(id, score);
			assertThat(top.size()).isLessThanOrEqualTo(10);
		}
		all.sort(TopK.BEST_FIRST);

		assertThat(top.best()).containsExactlyElementsOf(all.subList(0, 10));
	}

	@Test
	void aTieGoesToTheLowerChunkIdWhateverTheOrderOfArrival() {
		TopK top = new TopK(2);
		top.offer(9, 0.5);
		top.offer(3, 0.5);
		top.offer(5, 0.5);
		top.offer(1, 0.4);

		assertThat(top.best()).extracting(TopK.Candidate::chunkId).containsExactly(3L, 5L);
	}

	@Test
	void fewerChunksThanKAreAllReturned() {
		TopK top = new TopK(10);
		top.offer(1, -0.2);
		top.offer(2, 0.7);

		assertThat(top.best()).extracting(TopK.Candidate::chunkId).containsExactly(2L, 1L);
	}

}
