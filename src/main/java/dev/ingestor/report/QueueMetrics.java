package dev.ingestor.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.ingestor.queue.QueueRepository;
import dev.ingestor.queue.QueueStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * {@code ingest.queue.depth{status}}: rows per status, read from the database when scraped, so
 * that rows queued by the manager between runs show too.
 */
@Component
class QueueMetrics implements MeterBinder {

	/** One GROUP BY answers every status gauge of a scrape; a scrape reads them all at once. */
	static final Duration REUSE_FOR = Duration.ofSeconds(1);

	private final QueueRepository queue;

	private final Clock clock;

	private volatile Counts last;

	QueueMetrics(QueueRepository queue, Clock clock) {
		this.queue = queue;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (QueueStatus status : QueueStatus.values()) {
			Gauge.builder("ingest.queue.depth", this, metrics -> metrics.depth(status))
				.description("Rows of ingestion_queue_item per status")
				.tag("status", status.dbValue())
				.register(registry);
		}
	}

	private long depth(QueueStatus status) {
		Instant now = this.clock.instant();
		Counts counts = this.last;
		if (counts == null || now.isAfter(counts.readAt().plus(REUSE_FOR))) {
			counts = new Counts(now, this.queue.countByStatus());
			this.last = counts;
		}
		return counts.byStatus().get(status.dbValue());
	}

	private record Counts(Instant readAt, Map<String, Long> byStatus) {
	}

}
