package dev.ingestor.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ingestor.support.QueueFixture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runs whose second one ends every way an item can: indexed, unchanged, failed (a corrupt
 * PDF) and download_failed (a file that is not there), plus one row left queued for later.
 */
record MixedOutcomes(JobExecution second, long indexed, long unchanged, long failed, long downloadFailed) {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static MixedOutcomes run(QueueFixture queue, JobOperatorTestUtils jobs) throws Exception {
		long node = queue.node("same.txt");
		String same = queue.writeText("docs/same.txt", "The same words, twice. Nothing to embed the second time.");
		queue.queue(node, same);
		jobs.startJob();
		long unchanged = queue.queue(node, same);
		long indexed = queue.queueNew(queue.writeText("docs/fresh.md", "# Fresh\n\nNew words, to be embedded.\n"));
		String corrupt = "docs/broken.pdf";
		Files.write(queue.storage().resolve(queue.writeText(corrupt, "")),
				"%PDF-1.7 this is no PDF at all".getBytes(StandardCharsets.US_ASCII));
		long failed = queue.queueNew(corrupt);
		long downloadFailed = queue.queueNew("docs/never-uploaded.pdf");
		JobExecution second = jobs.startJob();
		return new MixedOutcomes(second, indexed, unchanged, failed, downloadFailed);
	}

	/** SELECT status, COUNT(*) ... GROUP BY status, straight from the database. */
	static Map<String, Long> countsInDatabase(JdbcClient jdbc) {
		Map<String, Long> counts = new LinkedHashMap<>();
		jdbc.sql("SELECT status, COUNT(*) AS n FROM ingestion_queue_item GROUP BY status")
			.query((rs, row) -> counts.put(rs.getString("status"), rs.getLong("n")))
			.list();
		return counts;
	}

	/** The JSON queue object equals the database's counts, and lists the empty statuses as 0. */
	static void assertQueueMatchesDatabase(JsonNode json, JdbcClient jdbc) {
		JsonNode queueJson = json.path("queue");
		Map<String, Long> database = countsInDatabase(jdbc);
		assertThat(database).isNotEmpty();
		for (String status : new String[] { "queued", "processing", "indexed", "failed", "download_failed" }) {
			assertThat(queueJson.has(status)).as("queue.%s present", status).isTrue();
			assertThat(queueJson.path(status).asLong()).as("queue.%s", status)
				.isEqualTo(database.getOrDefault(status, 0L));
		}
		assertThat(queueJson.size()).isEqualTo(5);
	}

}
