package dev.ingestor.job;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-only hook: with {@code INGEST_TEST_ONLY_PAUSE_AFTER_RUN_UNTIL_FILE} set to a path, a
 * launch pauses after its run ended and before it lets go of the launch (the daemon's next poll
 * cannot decide yet) until that file exists. A process test sends SIGTERM inside that window
 * every time instead of by luck. Inert unless the variable is set.
 */
final class RunEndedPause {

	private static final Logger log = LoggerFactory.getLogger(RunEndedPause.class);

	private static final String MARKER = System.getenv("INGEST_TEST_ONLY_PAUSE_AFTER_RUN_UNTIL_FILE");

	private RunEndedPause() {
	}

	static void reached() {
		if (MARKER == null || MARKER.isBlank()) {
			return;
		}
		Path marker = Path.of(MARKER);
		log.warn("test hook: the run ended; pausing until {} exists (INGEST_TEST_ONLY_PAUSE_AFTER_RUN_UNTIL_FILE)",
				marker);
		try {
			while (!Files.exists(marker)) {
				// Waits for the test's marker, not for time to pass.
				Thread.sleep(20);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		log.warn("test hook: {} exists; the launch goes on", marker);
	}

}
