package dev.ingestor.job;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.ingestor.queue.QueueItem;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The step's processor: processes a row and commits its outcome at once, on the worker thread
 * ({@link IngestItemWriter#commit}), so that no document's result waits for the slowest document
 * of its chunk, nor dies with a neighbour that kills the worker after it. A row that was
 * interrupted before ({@code attempts} > 0) runs alone: a crash interrupts every document in
 * flight, and one of them may be what killed the worker; alone, the culprit uses up its own
 * attempts and no one else's.
 */
class RetriedRowsAlone implements ItemProcessor<QueueItem, IngestOutcome> {

	private final IngestItemProcessor processor;

	private final IngestItemWriter writer;

	/** Read lock: a first attempt, shared; write lock: a retried row, alone. */
	private final ReadWriteLock isolation = new ReentrantReadWriteLock();

	RetriedRowsAlone(IngestItemProcessor processor, IngestItemWriter writer) {
		this.processor = processor;
		this.writer = writer;
	}

	@Override
	public IngestOutcome process(QueueItem item) throws Exception {
		boolean retried = item.attempts() > 0;
		Lock turn = retried ? this.isolation.writeLock() : this.isolation.readLock();
		turn.lock();
		try {
			IngestOutcome outcome = this.processor.process(item);
			if (outcome == null) {
				return null;
			}
			this.writer.commit(outcome);
			// The chunk keeps its outcomes until its end; a committed one need not keep its text and vectors.
			return outcome.committed();
		}
		finally {
			turn.unlock();
		}
	}

}
