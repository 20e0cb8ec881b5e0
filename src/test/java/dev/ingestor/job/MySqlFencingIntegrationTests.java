package dev.ingestor.job;

import dev.ingestor.support.MySqlJobTestBase;
import dev.ingestor.support.QueueFixture;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link FencingContract} on the machine's MariaDB/MySQL. */
class MySqlFencingIntegrationTests extends MySqlJobTestBase implements FencingContract {

	@Autowired
	ApplicationContext context;

	@Override
	public ApplicationContext context() {
		return this.context;
	}

	@Override
	public QueueFixture queue() {
		return this.queue;
	}

	@Override
	public JdbcClient jdbc() {
		return this.jdbc;
	}

}
