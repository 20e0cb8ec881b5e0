package dev.ingestor.job;

import org.springframework.test.context.TestPropertySource;

/** {@link WriteFailureScenarios} four documents per chunk transaction, three in flight at once. */
@TestPropertySource(properties = { "ingest.commit-interval=4", "ingest.concurrency=3" })
class WriteFailureAtCommitIntervalFourTests extends WriteFailureScenarios {

}
