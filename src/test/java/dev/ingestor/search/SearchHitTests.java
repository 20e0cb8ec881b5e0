package dev.ingestor.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchHitTests {

	private static final String FILLER = "Every row moves from queued to processing and then to a terminal status. ".repeat(5);

	@Test
	void theSnippetStartsAtTheSentenceThatSharesMostWordsWithTheQuery() {
		SearchHit hit = hit(FILLER + "To restart after a crash, run bin/ingest --restart. " + FILLER);

		assertThat(hit.snippet(120, "how do I restart after a crash"))
			.startsWith("…To restart after a crash, run bin/ingest --restart.")
			.hasSizeLessThanOrEqualTo(121);
	}

	@Test
	void aMatchAtTheEndShowsTheTextBeforeItInsteadOfAShortTail() {
		SearchHit hit = hit(FILLER + "## Crash safety");

		assertThat(hit.snippet(100, "crash")).endsWith("## Crash safety").hasSizeGreaterThan(90);
	}

	@Test
	void pagesReadAsOneOrARange() {
		assertThat(hit("x").pages()).isEqualTo("p. 2");
		assertThat(new SearchHit(1, 1, 1, 1, 1, "d", 1, 0, 2, 4, "x").pages()).isEqualTo("pp. 2-4");
	}

	private static SearchHit hit(String text) {
		return new SearchHit(1, 0.5, 0.5, 1, 1, "doc.md", 1, 0, 2, 2, text);
	}

}
