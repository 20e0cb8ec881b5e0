package dev.ingestor.search;

import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.support.QueueFixture;

import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link SearchContract} on H2 in MySQL mode. */
class SearchTests extends H2JobTestBase implements SearchContract {

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
