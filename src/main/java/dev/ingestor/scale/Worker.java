package dev.ingestor.scale;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** What {@code bin/ingest worker} needs from the scale-out wiring: a way to stop cleanly. */
@Component
public class Worker {

	private final ScaleProperties properties;

	private final PartitionWorkerStep step;

	Worker(ScaleProperties properties, ObjectProvider<PartitionWorkerStep> step) {
		this.properties = properties;
		this.step = step.getIfAvailable();
	}

	/** False without a broker: there is nothing to consume. */
	public boolean configured() {
		return this.step != null;
	}

	/** The queue this worker consumes, for the start-up line. */
	public String queue() {
		return this.properties.partitionQueue();
	}

	/** Stops after the item in hand and hands the partition back; returns within {@code grace}. */
	public void stop(Duration grace) {
		if (this.step != null) {
			this.step.stop(grace);
		}
	}

}
