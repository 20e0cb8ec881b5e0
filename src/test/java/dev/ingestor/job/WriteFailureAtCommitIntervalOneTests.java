package dev.ingestor.job;

import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.support.QueueFixture;

import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** {@link WriteFailureContract} one document per chunk transaction. */
@TestPropertySource(properties = { "ingest.commit-interval=1", "ingest.concurrency=1" })
class WriteFailureAtCommitIntervalOneTests extends H2JobTestBase implements WriteFailureContract {

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
