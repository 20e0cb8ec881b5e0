package dev.ingestor.embed;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Our thread-capped MiniLM is the same model as langchain4j's: same vectors, in input order. */
class LocalMiniLmTests {

	@Test
	void embedsLikeLangchainsMiniLmAndKeepsTheInputOrder() {
		List<TextSegment> segments = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			segments.add(TextSegment.from("Segment " + i + " talks about " + "queues ".repeat(i + 1) + "and vectors."));
		}

		List<Embedding> ours = LocalMiniLm.withThreads(2).embedAll(segments).content();
		List<Embedding> theirs = new AllMiniLmL6V2EmbeddingModel().embedAll(segments).content();

		assertThat(ours).hasSize(segments.size());
		for (int i = 0; i < segments.size(); i++) {
			float[] expected = theirs.get(i).vector();
			float[] actual = ours.get(i).vector();
			assertThat(actual).hasSize(384);
			for (int d = 0; d < expected.length; d++) {
				assertThat(actual[d]).as("segment %d, dimension %d", i, d).isCloseTo(expected[d], within(1e-5f));
			}
		}
	}

}
