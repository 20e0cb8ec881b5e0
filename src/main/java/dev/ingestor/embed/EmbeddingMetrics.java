package dev.ingestor.embed;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.Retryable;
import org.springframework.stereotype.Component;

/**
 * Counts embedding retries, so that a struggling server shows before items start failing, and
 * times every embedding request ({@code ingest.embedding.latency}, failed attempts included).
 */
@Component
class EmbeddingMetrics implements RetryListener {

	private final Counter retries;

	private final Timer latency;

	EmbeddingMetrics(ObjectProvider<MeterRegistry> registry) {
		MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
		this.retries = Counter.builder("ingest.embedding.retries")
			.description("Embedding requests retried after a transient failure")
			.register(meters);
		this.latency = Timer.builder("ingest.embedding.latency")
			.description("Duration of one embedding request (one batch of chunks), per attempt")
			.register(meters);
	}

	@Override
	public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable) {
		this.retries.increment();
	}

	/** Runs one embedding request under the latency timer. */
	<T> T timeRequest(Supplier<T> request) {
		return this.latency.record(request);
	}

}
