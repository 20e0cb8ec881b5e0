package dev.ingestor.scale;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One share of the queue in a scaled-out run: the rows with {@code MOD(id, count) = index}. It
 * lives in the partition's step execution context (primitives only, so restarts survive class
 * changes); a step without one, as in a single-process run, reads the whole queue.
 *
 * @param index this partition's remainder, 0 to count - 1
 * @param count how many partitions the run has; 0 means "not partitioned"
 */
public record Partition(int index, int count) {

	/** The manager step of a partitioned {@code ingestJob}. */
	public static final String MANAGER_STEP = "ingestPartitions";

	/** The step each partition runs on a worker: the same bean as the single-process run's. */
	static final String WORKER_STEP = "ingestQueuedItems";

	static final String INDEX_KEY = "partition.index";

	static final String COUNT_KEY = "partition.count";

	/** Set on the worker: who ran the partition ({@code host/pid/start}), for the report. */
	public static final String WORKER_KEY = "partition.worker";

	private static final Partition WHOLE_QUEUE = new Partition(0, 0);

	/** The partition a step execution runs, or the whole queue. */
	public static Partition of(StepExecution stepExecution) {
		if (stepExecution == null) {
			return WHOLE_QUEUE;
		}
		ExecutionContext context = stepExecution.getExecutionContext();
		if (!context.containsKey(COUNT_KEY)) {
			return WHOLE_QUEUE;
		}
		return new Partition(context.getInt(INDEX_KEY), context.getInt(COUNT_KEY));
	}

	/** What the queue reader adds to its WHERE clause: nothing, or this partition's share. */
	public String rowFilter() {
		return (this.count > 0) ? " AND MOD(id, " + this.count + ") = " + this.index : "";
	}

	/** Splits the queue into {@code count} partitions, named partition0 … partition(count - 1). */
	static Partitioner partitioner(int count) {
		return gridSize -> {
			Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
			for (int index = 0; index < count; index++) {
				ExecutionContext context = new ExecutionContext();
				context.putInt(INDEX_KEY, index);
				context.putInt(COUNT_KEY, count);
				partitions.put("partition" + index, context);
			}
			return partitions;
		};
	}

}
