package dev.ingestor.embed;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which embedding failures are worth another try, as langchain4j reports them. */
class EmbedderClassificationTests {

	@Test
	void unreachableTimedOutRateLimitedAndServerErrorsAreRetried() {
		assertThat(Embedder.isRetriable(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
		assertThat(Embedder.isRetriable(new TimeoutException(new HttpTimeoutException("timed out")))).isTrue();
		assertThat(Embedder.isRetriable(new RateLimitException(new HttpException(429, "slow down")))).isTrue();
		assertThat(Embedder.isRetriable(new InternalServerException(new HttpException(503, "busy")))).isTrue();
		assertThat(Embedder.isRetriable(new RuntimeException(new IOException("connection reset")))).isTrue();
	}

	@Test
	void clientErrorsAndBugsAreNotRetried() {
		assertThat(Embedder.isRetriable(new InvalidRequestException(new HttpException(400, "bad")))).isFalse();
		assertThat(Embedder.isRetriable(new ModelNotFoundException(new HttpException(404, "no model")))).isFalse();
		assertThat(Embedder.isRetriable(new IllegalArgumentException("Cannot embed empty text"))).isFalse();
	}

	@Test
	void descriptionsNameTheCauseAnOperatorCanActOn() {
		assertThat(Embedder.describe(new InvalidRequestException(new HttpException(400, "{\"error\":\"bad input\"}"))))
			.isEqualTo("HTTP 400: bad input");
		assertThat(Embedder.describe(new RuntimeException(new ConnectException())))
			.isEqualTo("cannot connect to the server (connection refused)");
		assertThat(Embedder.describe(new TimeoutException(new HttpTimeoutException("x")))).isEqualTo("the request timed out");
	}

}
