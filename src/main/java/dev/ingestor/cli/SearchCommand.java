package dev.ingestor.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import dev.ingestor.search.Ranking;
import dev.ingestor.search.SearchHit;
import dev.ingestor.search.SearchQuery;
import dev.ingestor.search.SearchResult;
import dev.ingestor.search.SearchService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bin/ingest search QUERY}: the stored passages that answer a question, best first. */
@Command(name = "search", mixinStandardHelpOptions = true,
		description = "Rank the active chunks of the configured embedding model for QUERY, by cosine similarity "
				+ "(exact: every vector is compared). Chunks of another model are never compared.")
class SearchCommand implements Callable<Integer> {

	/** Characters of passage shown per hit in the text output; --json has the full text. */
	static final int SNIPPET_CHARS = 240;

	@Parameters(paramLabel = "QUERY", arity = "1..*", description = "The question; several words need no quotes.")
	String[] words;

	@Option(names = "--k", defaultValue = "" + SearchQuery.DEFAULT_K,
			description = "How many passages to show, 1 to " + SearchQuery.MAX_K + " (default: ${DEFAULT-VALUE}).")
	int k;

	@Option(names = "--document", paramLabel = "ID", description = "Only passages of this document (document_node id).")
	Long document;

	@Option(names = "--ranking", defaultValue = "hybrid",
			description = "hybrid: cosine plus the share of the query's words in the passage, over the best "
					+ SearchService.HYBRID_CANDIDATES + " by cosine; vector: cosine alone (default: ${DEFAULT-VALUE}).")
	String ranking;

	@Option(names = "--json", description = "Print the result as JSON, with every passage's full text.")
	boolean json;

	@Override
	public Integer call() {
		Ranking order;
		SearchQuery query;
		try {
			order = Ranking.valueOf(this.ranking.toUpperCase(Locale.ROOT));
			query = new SearchQuery(String.join(" ", this.words), this.k, this.document, null);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("ingest search: " + (ex.getMessage().startsWith("No enum")
					? "--ranking must be hybrid or vector, got '" + this.ranking + "'" : ex.getMessage()));
			return ExitCodes.USAGE;
		}
		try (Application app = Application.start()) {
			SearchResult result = app.bean(SearchService.class).search(query, order);
			System.out.println(this.json ? ReportCommand.toJson(result) : render(result, this.document));
		}
		return ExitCodes.OK;
	}

	static String render(SearchResult result, Long document) {
		StringBuilder out = new StringBuilder();
		out.append(String.format("%,d chunks of %s (%d dimensions) compared in %d ms (%d ms in all, embedding the query included), %s ranking%n",
				result.rowsScanned(), result.model(), result.dimension(), result.scanMillis(), result.totalMillis(),
				result.ranking()));
		if (result.noChunkOfModel()) {
			out.append(String.format("%nno active chunk%s was stored with %s (%d dimensions); nothing to rank.%n",
					(document == null) ? "" : " of document " + document, result.model(), result.dimension()));
			if (!result.otherModels().isEmpty()) {
				out.append("chunks of other models are never compared with this one: ")
					.append(result.otherModels()
						.stream()
						.map(m -> String.format("%s (%d dimensions): %,d chunks", m.model(), m.dimension(), m.chunks()))
						.collect(Collectors.joining("; ")))
					.append(String.format("%nsearch with the model they were stored with (INGEST_EMBEDDING, "
							+ "INGEST_OLLAMA_MODEL), or re-ingest them with this one.%n"));
			}
			return out.toString().stripTrailing();
		}
		for (SearchHit hit : result.hits()) {
			out.append(String.format("%n%2d  %.3f  %s  %s  (document %d, chunk %d)%n    %s%n", hit.rank(), hit.score(),
					hit.documentName(), hit.pages(), hit.documentId(), hit.chunkIndex(), hit.snippet(SNIPPET_CHARS, result.query())));
		}
		return out.toString().stripTrailing();
	}

}
