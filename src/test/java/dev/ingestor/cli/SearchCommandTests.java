package dev.ingestor.cli;

import java.util.List;

import dev.ingestor.search.SearchHit;
import dev.ingestor.search.SearchResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchCommandTests {

	@Test
	void aHitShowsRankScoreDocumentPagesAndTheSentenceThatMatchesTheQuery() {
		SearchHit hit = new SearchHit(1, 0.5834, 0.283, 11, 2, "getting-started.md", 4, 1, 1, 1,
				"## Statuses\nEvery row moves on. The rest is history.\n## Crash safety\nTo restart after a crash, run it.");
		SearchResult result = new SearchResult("how do I restart after a crash", "local:all-minilm-l6-v2", 384, "hybrid",
				List.of(hit), 7, 3, 120, List.of());

		String text = SearchCommand.render(result, null);

		assertThat(text).startsWith("7 chunks of local:all-minilm-l6-v2 (384 dimensions) compared in 3 ms (120 ms in all, "
				+ "embedding the query included), hybrid ranking")
			.contains(" 1  0.583  getting-started.md  p. 1  (document 2, chunk 1)")
			.contains("    ## Statuses Every row moves on. The rest is history. ## Crash safety To restart after a crash, run it.");
	}

	@Test
	void withNoChunkOfTheModelItSaysSoAndNamesTheModelsThatAreStored() {
		SearchResult result = new SearchResult("bread", "local:all-minilm-l6-v2", 384, "hybrid", List.of(), 0, 1, 90,
				List.of(new SearchResult.ModelCount("ollama:nomic-embed-text", 768, 1200)));

		String text = SearchCommand.render(result, null);

		assertThat(text).contains("no active chunk was stored with local:all-minilm-l6-v2 (384 dimensions); nothing to rank.")
			.contains("chunks of other models are never compared with this one: ollama:nomic-embed-text (768 dimensions): "
					+ "1,200 chunks");
	}

	@Test
	void aBadKIsAUsageError() {
		assertThat(IngestCli.execute("search", "--k", "0", "anything")).isEqualTo(ExitCodes.USAGE);
		assertThat(IngestCli.execute("search", "--ranking", "fuzzy", "anything")).isEqualTo(ExitCodes.USAGE);
	}

}
