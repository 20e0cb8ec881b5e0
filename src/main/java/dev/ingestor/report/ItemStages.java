package dev.ingestor.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Marks each item's way through the pipeline: one log line per stage transition, carrying
 * {@code stage}, {@code itemId}, {@code runId}, {@code durationMs} and {@code chunks} as
 * key-value pairs (fields of their own in the JSON log format), and the timer
 * {@code ingest.item.stage{stage}}.
 */
@Component
public class ItemStages {

	/** The transitions an item goes through; {@code failed} can follow any of them. */
	public enum Stage {

		RESERVED, EXTRACTED, EMBEDDED, STORED, FAILED;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private static final Logger log = LoggerFactory.getLogger(ItemStages.class);

	private final Clock clock;

	private final Map<Stage, Timer> timers = new EnumMap<>(Stage.class);

	/** When each item in hand was picked up, so that a failure can say how long the item took. */
	private final Map<Long, Instant> started = new ConcurrentHashMap<>();

	ItemStages(Clock clock, ObjectProvider<MeterRegistry> registry) {
		this.clock = clock;
		MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
		for (Stage stage : Stage.values()) {
			this.timers.put(stage, Timer.builder("ingest.item.stage")
				.description("Time an item spent in each stage; 'failed' measures the whole item")
				.tag("stage", stage.tag())
				.register(meters));
		}
	}

	/** Now, by the clock that stage durations are measured with. */
	public Instant now() {
		return this.clock.instant();
	}

	/** An item was taken for this run; {@code since} is when the attempt to reserve it began. */
	public void reserved(long itemId, long runId, Instant since, String storagePath) {
		this.started.put(itemId, since);
		emit(Level.INFO, Stage.RESERVED, itemId, runId, since, 0, storagePath);
	}

	/** A stage between reservation and the end, with the chunks it produced so far. */
	public void passed(Stage stage, long itemId, long runId, Instant since, int chunks, String detail) {
		emit(Level.INFO, stage, itemId, runId, since, chunks, detail);
	}

	/** The item's outcome was committed; {@code since} is when the write began. */
	public void stored(long itemId, long runId, Instant since, int chunks, String detail) {
		this.started.remove(itemId);
		emit(Level.INFO, Stage.STORED, itemId, runId, since, chunks, detail);
	}

	/** The item ended failed or download_failed; its duration runs from its reservation. */
	public void failed(long itemId, long runId, String status, String reason) {
		Instant since = this.started.remove(itemId);
		emit(Level.WARN, Stage.FAILED, itemId, runId, (since != null) ? since : now(), 0, "as " + status + ", " + reason);
	}

	private void emit(Level level, Stage stage, long itemId, long runId, Instant since, int chunks, String detail) {
		Duration took = Duration.between(since, now());
		if (took.isNegative()) {
			took = Duration.ZERO;
		}
		this.timers.get(stage).record(took);
		log.atLevel(level)
			.setMessage((stage == Stage.FAILED) ? "item {} {} {}" : "item {} {}: {}")
			.addArgument(itemId)
			.addArgument(stage.tag())
			.addArgument(detail)
			.addKeyValue("stage", stage.tag())
			.addKeyValue("itemId", itemId)
			.addKeyValue("runId", runId)
			.addKeyValue("durationMs", took.toMillis())
			.addKeyValue("chunks", chunks)
			.log();
	}

}
