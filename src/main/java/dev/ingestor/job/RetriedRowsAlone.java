package dev.ingestor.job;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.ingestor.queue.QueueItem;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a row that was interrupted before ({@code attempts} > 0) alone, and commits its outcome
 * at once. A crash interrupts every document in flight, and one of them may be what killed the
 * worker: alone, the culprit uses up its own attempts and no one else's. Its outcome is
 * committed before the next row starts, because a result waiting for the chunk's write would
 * die with a neighbour that kills the worker after it.
 */
class RetriedRowsAlone implements ItemProcessor<QueueItem, IngestOutcome> {

	private final IngestItemProcessor processor;

	private final IngestItemWriter writer;

	private final TransactionTemplate transaction;

	/** Read lock: a first attempt, shared; write lock: a retried row, alone. */
	private final ReadWriteLock isolation = new ReentrantReadWriteLock();

	RetriedRowsAlone(IngestItemProcessor processor, IngestItemWriter writer,
			PlatformTransactionManager transactionManager) {
		this.processor = processor;
		this.writer = writer;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	@Override
	public IngestOutcome process(QueueItem item) throws Exception {
		boolean retried = item.attempts() > 0;
		Lock turn = retried ? this.isolation.writeLock() : this.isolation.readLock();
		turn.lock();
		try {
			IngestOutcome outcome = this.processor.process(item);
			if (!retried || outcome == null) {
				return outcome;
			}
			this.transaction.executeWithoutResult(status -> this.writer.write(Chunk.of(outcome)));
			// Written already: filtered from the chunk, so that it is not written twice.
			return null;
		}
		finally {
			turn.unlock();
		}
	}

}
