package dev.ingestor.search;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.embed.EmbeddingModelSpec;
import dev.ingestor.store.VectorCodec;
import dev.ingestor.support.QueueFixture;
import dev.ingestor.support.TestPdfs;
import dev.langchain4j.model.embedding.EmbeddingModel;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What search promises, on every database we support: exact cosine ranking of the active chunks
 * of the configured model and dimension only, the pages of each passage, and a bounded top-k
 * that returns what sorting every vector would.
 */
interface SearchContract {

	String LOCAL = "local:all-minilm-l6-v2";

	/** The test's application context; everything else comes from it. */
	ApplicationContext context();

	default JdbcClient jdbc() {
		return context().getBean(JdbcClient.class);
	}

	default JobOperatorTestUtils jobs() {
		return context().getBean(JobOperatorTestUtils.class);
	}

	default QueueFixture queue() {
		return new QueueFixture(jdbc(), context().getBean(IngestProperties.class).storageDir());
	}

	default SearchService search() {
		return context().getBean(SearchService.class);
	}

	default void ingest() throws Exception {
		assertThat(jobs().startJob().getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	default void passageThatAnswersRanksFirstWithItsDocumentAndPage() throws Exception {
		Path pdf = queue().storage().resolve("manual.pdf");
		TestPdfs.textPages(pdf, 3);
		queue().queueNew("manual.pdf");
		queue().queueNew(queue().writeText("birds.txt", "Pelicans scoop fish with the pouch under their long bill."));
		queue().queueNew(queue().writeText("bread.txt", "Knead the dough for ten minutes, then let it rise for an hour."));
		ingest();

		SearchResult result = search().search(SearchQuery.of("how long should bread dough rise", 3), Ranking.VECTOR);

		assertThat(result.hits()).hasSize(3);
		SearchHit first = result.hits().get(0);
		assertThat(first.documentName()).isEqualTo("bread.txt");
		assertThat(first.pages()).isEqualTo("p. 1");
		assertThat(first.rank()).isEqualTo(1);
		assertThat(result.hits()).extracting(SearchHit::score).isSortedAccordingTo(Comparator.reverseOrder());
		assertThat(result.rowsScanned()).isEqualTo(queue().count("SELECT COUNT(*) FROM document_chunk WHERE is_active = TRUE"));
		assertThat(result.model()).isEqualTo(LOCAL);
		assertThat(result.dimension()).isEqualTo(384);
		assertThat(result.otherModels()).isEmpty();
	}

	@Test
	default void chunksOfAnotherModelAreNeverComparedEvenWithTheSameDimensionAndAPerfectVector() throws Exception {
		queue().queueNew(queue().writeText("bread.txt", "Knead the dough for ten minutes, then let it rise for an hour."));
		ingest();
		String question = "where do pelicans keep their fish";
		float[] perfect = context().getBean(EmbeddingModel.class).embed(question).content().vector();
		copyActiveChunksAs("local:some-other-model", perfect);

		SearchResult result = search().search(SearchQuery.of(question, 10), Ranking.HYBRID);

		assertThat(result.rowsScanned()).isEqualTo(1);
		assertThat(result.hits()).singleElement().satisfies(hit -> assertThat(hit.documentName()).isEqualTo("bread.txt"));
	}

	@Test
	default void withNoChunkOfTheConfiguredModelNothingIsRankedAndTheStoredModelsAreNamed() throws Exception {
		queue().queueNew(queue().writeText("bread.txt", "Knead the dough for ten minutes, then let it rise for an hour."));
		ingest();
		copyActiveChunksAs("ollama:nomic-embed-text", new float[768]);
		jdbc().sql("UPDATE document_chunk SET is_active = FALSE WHERE embedding_model = :m").param("m", LOCAL).update();

		SearchResult result = search().search(SearchQuery.of("bread", 10), Ranking.HYBRID);

		assertThat(result.noChunkOfModel()).isTrue();
		assertThat(result.hits()).isEmpty();
		assertThat(result.otherModels()).containsExactly(new SearchResult.ModelCount("ollama:nomic-embed-text", 768, 1));
	}

	@Test
	default void anOldVersionIsNotSearchedOnceAChangedOneReplacesIt() throws Exception {
		long node = queue().node("notes.txt");
		queue().queue(node, queue().writeText("v1/notes.txt", "The secret password of the lighthouse is pelican."));
		ingest();
		queue().queue(node, queue().writeText("v2/notes.txt", "The lighthouse keeper retired and the door is open."));
		queue().queueNew(queue().writeText("other.txt", "Pelicans nest on islands."));
		ingest();

		SearchResult result = search().search(SearchQuery.of("lighthouse secret password pelican", 10), Ranking.VECTOR);

		assertThat(result.rowsScanned()).isEqualTo(2);
		assertThat(result.hits()).extracting(SearchHit::text)
			.containsExactlyInAnyOrder("The lighthouse keeper retired and the door is open.", "Pelicans nest on islands.");
	}

	@Test
	default void aDocumentFilterRanksOnlyThatDocument() throws Exception {
		long bread = queue().queueNew(queue().writeText("bread.txt", "Knead the dough, then let it rise for an hour."));
		queue().queueNew(queue().writeText("cake.txt", "Let the cake dough rest for an hour before baking."));
		ingest();
		long node = queue().row(bread).nodeId();

		SearchResult result = search().search(new SearchQuery("cake dough rest", 10, node, null), Ranking.VECTOR);

		assertThat(result.rowsScanned()).isEqualTo(1);
		assertThat(result.hits()).singleElement().satisfies(hit -> assertThat(hit.documentId()).isEqualTo(node));
	}

	@Test
	default void theBoundedTopKReturnsWhatSortingEveryVectorWould() {
		SyntheticChunks generated = new SyntheticChunks(jdbc(), context().getBean(JdbcTemplate.class),
				context().getBean(EmbeddingModelSpec.class).name(), 384);
		generated.growTo(2_500);
		String question = "how do I restart after a crash";
		float[] query = VectorScan.normalised(context().getBean(EmbeddingModel.class).embed(question).content().vector());
		List<Long> sortedByOracle = jdbc().sql("SELECT id, embedding FROM document_chunk")
			.query((rs, row) -> Map.entry(rs.getLong(1), oracleCosine(query, VectorCodec.decode(rs.getBytes(2)))))
			.list()
			.stream()
			.sorted(Map.Entry.<Long, Double>comparingByValue().reversed())
			.map(Map.Entry::getKey)
			.limit(7)
			.toList();

		SearchResult result = search().search(SearchQuery.of(question, 7), Ranking.VECTOR);

		assertThat(result.rowsScanned()).isEqualTo(2_500);
		assertThat(result.hits()).extracting(SearchHit::chunkId).containsExactlyElementsOf(sortedByOracle);
	}

	private static double oracleCosine(float[] unit, float[] stored) {
		double dot = 0;
		double norm = 0;
		for (int i = 0; i < stored.length; i++) {
			dot += unit[i] * stored[i];
			norm += stored[i] * stored[i];
		}
		return dot / Math.sqrt(norm);
	}

	/** A second copy of every active chunk, as if stored by another model with this vector. */
	private void copyActiveChunksAs(String model, float[] vector) {
		jdbc().sql("""
				INSERT INTO document_chunk (document_version_id, chunk_index, is_active, content, token_count, page_start,
				  page_end, embedding, embedding_model, embedding_dimension)
				SELECT document_version_id, chunk_index + 1000, TRUE, content, token_count, page_start, page_end, :vector,
				  :model, :dimension FROM document_chunk WHERE is_active = TRUE""")
			.param("vector", VectorCodec.encode(vector))
			.param("model", model)
			.param("dimension", vector.length)
			.update();
	}

}
