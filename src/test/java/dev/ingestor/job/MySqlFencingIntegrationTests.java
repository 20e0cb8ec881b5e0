package dev.ingestor.job;

import dev.ingestor.queue.IngestionLog;
import dev.ingestor.queue.QueueRepository;
import dev.ingestor.store.DocumentStore;
import dev.ingestor.support.MySqlJobTestBase;
import dev.ingestor.support.QueueFixture;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** {@link FencingContract} on the machine's MariaDB/MySQL. */
class MySqlFencingIntegrationTests extends MySqlJobTestBase implements FencingContract {

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
