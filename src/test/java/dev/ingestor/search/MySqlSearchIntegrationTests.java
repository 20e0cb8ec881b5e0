package dev.ingestor.search;

import dev.ingestor.support.MySqlJobTestBase;
import dev.ingestor.support.QueueFixture;

import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link SearchContract} on the machine's MariaDB/MySQL, where streaming needs Connector/J's row-by-row mode. */
class MySqlSearchIntegrationTests extends MySqlJobTestBase implements SearchContract {

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

	@Override
	public JobOperatorTestUtils jobs() {
		return this.jobOperatorTestUtils;
	}

}
