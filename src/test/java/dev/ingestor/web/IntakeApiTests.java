package dev.ingestor.web;

import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.support.QueueFixture;

import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** {@link IntakeApiContract} on H2 in MySQL mode, the server as {@code bin/ingest serve} starts it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"ingest.jwt.secret=" + ApiClient.SECRET, "ingest.max-queued=" + IntakeApiContract.MAX_QUEUED,
		"ingest.max-file-bytes=" + IntakeApiContract.MAX_FILE_BYTES, "server.address=127.0.0.1",
		"management.server.port=0" })
@ActiveProfiles({ "daemon", "serve" })
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
