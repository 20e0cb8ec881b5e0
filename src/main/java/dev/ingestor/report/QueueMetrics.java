package dev.ingestor.report;

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

	private final QueueRepository queue;

	QueueMetrics(QueueRepository queue) {
		this.queue = queue;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (QueueStatus status : QueueStatus.values()) {
			Gauge.builder("ingest.queue.depth", this.queue, queue -> queue.countByStatus().get(status.dbValue()))
				.description("Rows of ingestion_queue_item per status")
				.tag("status", status.dbValue())
				.register(registry);
		}
	}

}
