package dev.ingestor.web;

import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.support.QueueFixture;

import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link IntakeApiContract} on H2 in MySQL mode, the server as {@code bin/ingest serve} starts it. */
@IntakeServer
class IntakeApiTests extends H2JobTestBase implements IntakeApiContract {

	@LocalServerPort
	int port;

	@Override
	public ApiClient client() {
		return new ApiClient(this.port);
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
	public BatchStatus runJob() throws Exception {
		return this.jobOperatorTestUtils.startJob().getStatus();
	}

}
