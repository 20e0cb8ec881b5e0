package dev.ingestor.embed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.Retryable;
import org.springframework.stereotype.Component;

/** Counts embedding retries, so that a struggling server shows before items start failing. */
@Component
class EmbeddingMetrics implements RetryListener {

	private final Counter retries;

	EmbeddingMetrics(ObjectProvider<MeterRegistry> registry) {
		MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
		this.retries = Counter.builder("ingest.embedding.retries")
			.description("Embedding requests retried after a transient failure")
			.register(meters);
	}

	@Override
	public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable) {
		this.retries.increment();
	}

}
