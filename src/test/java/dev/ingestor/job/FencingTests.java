package dev.ingestor.job;

import dev.ingestor.queue.IngestionLog;
import dev.ingestor.queue.QueueRepository;
import dev.ingestor.store.DocumentStore;
import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.support.QueueFixture;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** {@link FencingContract} on H2 in MySQL mode. */
class FencingTests extends H2JobTestBase implements FencingContract {

	@Autowired
	QueueRepository queueRepository;

	@Autowired
	DocumentStore store;

	@Autowired
	IngestionLog ingestionLog;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	IngestItemWriter writer;

	@Override
	public QueueFixture queue() {
		return this.queue;
	}

	@Override
	public JdbcClient jdbc() {
		return this.jdbc;
	}

	@Override
	public QueueRepository queueRepository() {
		return this.queueRepository;
	}

	@Override
	public DocumentStore store() {
		return this.store;
	}

	@Override
	public IngestionLog ingestionLog() {
		return this.ingestionLog;
	}

	@Override
	public PlatformTransactionManager transactionManager() {
		return this.transactionManager;
	}

	@Override
	public IngestItemWriter writer() {
		return this.writer;
	}

}
