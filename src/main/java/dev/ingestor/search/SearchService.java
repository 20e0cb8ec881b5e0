package dev.ingestor.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.ingestor.embed.Embedder;
import dev.ingestor.embed.EmbeddingModelSpec;
import dev.ingestor.split.TextChunk;

import org.springframework.stereotype.Service;

/**
 * Ranks the stored chunks for a question: exact cosine similarity over every active chunk of
 * the configured model and dimension, streamed, never compared across models. The CLI and a
 * future HTTP controller both call {@link #search}.
 */
@Service
public class SearchService {

	/** Vector candidates the hybrid ranking re-orders; enough to hold the answer in practice. */
	public static final int HYBRID_CANDIDATES = 50;

	/** How much one query's worth of matching words weighs against cosine similarity. */
	public static final double KEYWORD_WEIGHT = 0.3;

	/** Queries are not queue items; failures to embed them name item 0. */
	private static final long NO_ITEM = 0;

	private final Embedder embedder;

	private final EmbeddingModelSpec model;

	private final VectorScan scan;

	private final ChunkDetails details;

	SearchService(Embedder embedder, EmbeddingModelSpec model, VectorScan scan, ChunkDetails details) {
		this.embedder = embedder;
		this.model = model;
		this.scan = scan;
		this.details = details;
	}

	public SearchResult search(SearchQuery query, Ranking ranking) {
		long start = System.nanoTime();
		float[] vector = this.embedder
			.embed(NO_ITEM, List.of(new TextChunk(0, query.text(), 1, 1, 0)), () -> {
			})
			.get(0);
		long scanStart = System.nanoTime();
		int keep = (ranking == Ranking.HYBRID) ? Math.max(query.k(), HYBRID_CANDIDATES) : query.k();
		VectorScan.Scanned scanned = this.scan.nearest(vector, this.model.name(), query, keep);
		long scanMillis = millisSince(scanStart);
		List<SearchHit> hits = rank(query, ranking, scanned.best());
		List<SearchResult.ModelCount> others = (scanned.rows() > 0) ? List.of()
				: this.details.activeModels()
					.stream()
					.filter(m -> !(m.model().equals(this.model.name()) && m.dimension() == vector.length))
					.toList();
		return new SearchResult(query.text(), this.model.name(), vector.length, ranking.name().toLowerCase(Locale.ROOT), hits,
				scanned.rows(), scanMillis, millisSince(start), others);
	}

	private List<SearchHit> rank(SearchQuery query, Ranking ranking, List<TopK.Candidate> candidates) {
		Map<Long, ChunkDetails.Chunk> chunks = this.details
			.load(candidates.stream().map(TopK.Candidate::chunkId).toList())
			.stream()
			.collect(Collectors.toMap(ChunkDetails.Chunk::chunkId, Function.identity()));
		KeywordScore keywords = new KeywordScore(query.text());
		record Scored(TopK.Candidate candidate, ChunkDetails.Chunk chunk, double score) {
		}
		List<Scored> scored = new ArrayList<>();
		for (TopK.Candidate candidate : candidates) {
			ChunkDetails.Chunk chunk = chunks.get(candidate.chunkId());
			if (chunk == null) {
				continue; // replaced by a newer version between the scan and this read
			}
			double score = (ranking == Ranking.HYBRID)
					? candidate.score() + KEYWORD_WEIGHT * keywords.of(chunk.documentName() + " " + chunk.text())
					: candidate.score();
			scored.add(new Scored(candidate, chunk, score));
		}
		scored.sort(Comparator.comparingDouble(Scored::score).reversed()
			.thenComparingLong(s -> s.candidate().chunkId()));
		List<SearchHit> hits = new ArrayList<>();
		for (Scored s : scored.subList(0, Math.min(query.k(), scored.size()))) {
			ChunkDetails.Chunk c = s.chunk();
			hits.add(new SearchHit(hits.size() + 1, s.score(), s.candidate().score(), c.chunkId(), c.documentId(),
					c.documentName(), c.versionId(), c.chunkIndex(), c.pageStart(), c.pageEnd(), c.text()));
		}
		return hits;
	}

	private static long millisSince(long nanoStart) {
		return (System.nanoTime() - nanoStart) / 1_000_000;
	}

}
