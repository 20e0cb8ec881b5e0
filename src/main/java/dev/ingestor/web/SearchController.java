package dev.ingestor.web;

import java.util.List;

import dev.ingestor.search.Ranking;
import dev.ingestor.search.SearchHit;
import dev.ingestor.search.SearchQuery;
import dev.ingestor.search.SearchResult;
import dev.ingestor.search.SearchService;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /v1/search}: the caller's tenant's stored passages that answer a question, ranked as
 * {@code bin/ingest search} ranks them. The tenant is the token's, so another tenant's chunks are
 * never scanned, let alone returned.
 */
@RestController
@Profile("serve")
class SearchController {

	private final SearchService search;

	private final Tenants tenants;

	SearchController(SearchService search, Tenants tenants) {
		this.search = search;
		this.tenants = tenants;
	}

	@GetMapping("/v1/search")
	Body search(@RequestParam("q") String q, @RequestParam(name = "k", defaultValue = "10") int k,
			@RequestParam(name = "documentId", required = false) Long documentId) {
		SearchQuery query;
		try {
			query = new SearchQuery(q, k, documentId, this.tenants.current());
		}
		catch (IllegalArgumentException ex) {
			// An empty question or a k out of range: a 400 problem saying which.
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage(), ex);
		}
		return Body.of(this.search.search(query, Ranking.HYBRID));
	}

	/**
	 * The answer: the passages best first, and what finding them cost.
	 *
	 * @param model only chunks embedded with this model were compared
	 * @param rowsScanned active chunks of the tenant and model whose vectors were read
	 * @param scanMillis time spent reading and scoring them
	 * @param totalMillis the whole search, embedding the question included
	 * @param hits best first
	 */
	record Body(String query, String model, long rowsScanned, long scanMillis, long totalMillis, List<Hit> hits) {

		static Body of(SearchResult result) {
			return new Body(result.query(), result.model(), result.rowsScanned(), result.scanMillis(),
					result.totalMillis(), result.hits().stream().map(Hit::of).toList());
		}

	}

	/** One passage with what a reader needs to find it again. */
	record Hit(int rank, double score, long documentId, String documentName, long chunkId, int pageStart, int pageEnd,
			String text) {

		static Hit of(SearchHit hit) {
			return new Hit(hit.rank(), hit.score(), hit.documentId(), hit.documentName(), hit.chunkId(), hit.pageStart(),
					hit.pageEnd(), hit.text());
		}

	}

}
