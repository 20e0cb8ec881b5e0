package dev.ingestor.scale;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The scale-out settings, bound from {@code ingest.*} and {@code INGEST_*} like the rest; kept
 * apart from {@code IngestProperties} because they matter only with a broker.
 *
 * @param brokerUrl RabbitMQ, e.g. {@code amqp://guest:guest@127.0.0.1:5672}; unset means one process, no broker
 * @param partitions how many partitions the manager splits the queue into
 * @param partitionTimeout how long the manager waits for all partitions before the run ends FAILED
 * @param partitionPollInterval how often the manager looks at the partitions in the job repository
 * @param partitionQueue the durable queue that carries partition requests; its dead letters go to {@code <name>.dlq}
 */
@ConfigurationProperties("ingest")
public record ScaleProperties(
		String brokerUrl,
		@DefaultValue(DEFAULT_PARTITIONS) int partitions,
		@DefaultValue(DEFAULT_PARTITION_TIMEOUT) Duration partitionTimeout,
		@DefaultValue(DEFAULT_PARTITION_POLL_INTERVAL) Duration partitionPollInterval,
		@DefaultValue(DEFAULT_PARTITION_QUEUE) String partitionQueue) {

	static final String DEFAULT_PARTITIONS = "8";
	static final String DEFAULT_PARTITION_TIMEOUT = "1h";
	static final String DEFAULT_PARTITION_POLL_INTERVAL = "5s";
	static final String DEFAULT_PARTITION_QUEUE = "ingest.partitions";

	/** Whether a broker is configured, i.e. runs are partitioned and workers can start. */
	public boolean scaledOut() {
		return this.brokerUrl != null && !this.brokerUrl.isBlank();
	}

	/** Where rejected requests (unknown step, unreadable body) end instead of looping. */
	String deadLetterQueue() {
		return this.partitionQueue + ".dlq";
	}

	/** Never the password: for logs and errors. */
	@Override
	public String toString() {
		return "ScaleProperties[brokerUrl=" + (scaledOut() ? "set" : "unset") + ", partitions=" + this.partitions
				+ ", partitionTimeout=" + this.partitionTimeout + ", partitionPollInterval="
				+ this.partitionPollInterval + ", partitionQueue=" + this.partitionQueue + "]";
	}

}
