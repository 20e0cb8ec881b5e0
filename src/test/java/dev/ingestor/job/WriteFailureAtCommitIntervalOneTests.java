package dev.ingestor.job;

import org.springframework.test.context.TestPropertySource;

/** {@link WriteFailureScenarios} one document per chunk transaction. */
@TestPropertySource(properties = { "ingest.commit-interval=1", "ingest.concurrency=1" })
class WriteFailureAtCommitIntervalOneTests extends WriteFailureScenarios {

}
