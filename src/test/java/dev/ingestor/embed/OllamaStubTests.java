package dev.ingestor.embed;

import java.util.List;

import dev.ingestor.support.OllamaStub;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The stub the embedding tests rely on really speaks Ollama's API to langchain4j-ollama. */
class OllamaStubTests {

	@Test
	void langchain4jOllamaClientGetsOneVectorPerInputInOneRequest() throws Exception {
		try (OllamaStub stub = OllamaStub.start()) {
			OllamaEmbeddingModel model = OllamaEmbeddingModel.builder().baseUrl(stub.url()).modelName("nomic-embed-text")
				.maxRetries(0).build();

			List<Embedding> vectors = model.embedAll(List.of(TextSegment.from("alpha"), TextSegment.from("beta"))).content();

			assertThat(vectors).hasSize(2);
			assertThat(vectors.get(0).vector()).containsExactly(OllamaStub.vectorFor("alpha"));
			assertThat(vectors.get(1).vector()).isNotEqualTo(vectors.get(0).vector());
			assertThat(stub.calls()).singleElement().satisfies(call -> {
				assertThat(call.model()).isEqualTo("nomic-embed-text");
				assertThat(call.inputs()).containsExactly("alpha", "beta");
			});
		}
	}

}
