package dev.ingestor.cli;

import java.util.ArrayList;
import java.util.List;

import dev.ingestor.report.Report;
import dev.ingestor.report.ReportService;
import dev.ingestor.support.H2JobTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ReportTests extends H2JobTestBase {

	@Autowired
	ReportService reports;

	@Test
	void jsonQueueCountsEqualTheDatabaseAndTheRunCountsEveryOutcome() throws Exception {
		MixedOutcomes run = MixedOutcomes.run(this.queue, this.jobOperatorTestUtils);
		this.queue.queueNew(this.queue.writeText("docs/later.txt", "Queued after the run."));

		JsonNode json = MixedOutcomes.JSON.readTree(ReportCommand.toJson(this.reports.report(10, 20)));

		MixedOutcomes.assertQueueMatchesDatabase(json, this.jdbc);
		assertThat(json.path("queue").path("queued").asLong()).isEqualTo(1);
		assertThat(json.path("runs")).hasSize(2);
		JsonNode latest = json.path("runs").get(0);
		assertThat(latest.path("id").asLong()).isEqualTo(run.second().getId());
		assertThat(latest.path("status").asString()).isEqualTo("COMPLETED");
		JsonNode outcomes = latest.path("outcomes");
		assertThat(outcomes.path("indexed").asLong()).isEqualTo(1);
		assertThat(outcomes.path("unchanged").asLong()).isEqualTo(1);
		assertThat(outcomes.path("failed").asLong()).isEqualTo(1);
		assertThat(outcomes.path("download_failed").asLong()).isEqualTo(1);
		assertThat(latest.path("chunksWritten").asLong()).isEqualTo(this.queue.count(
				"SELECT COUNT(*) FROM document_chunk c JOIN document_version v ON v.id = c.document_version_id "
						+ "WHERE v.queue_item_id = " + run.indexed()));
		JsonNode ingest = step(latest, "ingestQueuedItems");
		assertThat(ingest.path("read").asLong()).isEqualTo(4);
		assertThat(ingest.path("write").asLong()).isEqualTo(2);
		assertThat(ingest.path("skip").asLong()).isEqualTo(2);
		List<String> failures = new ArrayList<>();
		json.path("recentFailures").forEach(f -> failures.add(f.path("itemId").asLong() + " "
				+ f.path("status").asString() + " " + f.path("storagePath").asString()));
		assertThat(failures).containsExactlyInAnyOrder(run.failed() + " failed docs/broken.pdf",
				run.downloadFailed() + " download_failed docs/never-uploaded.pdf");
		assertThat(json.path("recentFailures").get(0).path("reason").asString()).isNotBlank();
	}

	@Test
	void textReportNamesTheFailedFilesAndShowsStepCounts() throws Exception {
		MixedOutcomes run = MixedOutcomes.run(this.queue, this.jobOperatorTestUtils);

		String text = ReportText.render(this.reports.report(10, 20));

		assertThat(text).contains("docs/broken.pdf", "docs/never-uploaded.pdf");
		assertThat(text.lines()).anyMatch(line -> line.matches(
				"\\s+" + run.second().getId() + "\\s+ingestQueuedItems\\s+COMPLETED\\s+4\\s+2\\s+0\\s+2\\s+\\d+\\s+\\d+"));
		assertThat(text.lines()).anyMatch(line -> line.matches(
				"\\s+" + run.second().getId() + "\\s+COMPLETED\\s+.*\\s+1\\s+1\\s+1\\s+1\\s+\\d+\\s+[\\d.]+\\s+COMPLETED"));
		assertThat(text).contains("queued", "download_failed");
	}

	@Test
	void runDetailListsThatRunsItemLogOnly() throws Exception {
		MixedOutcomes run = MixedOutcomes.run(this.queue, this.jobOperatorTestUtils);

		Report.RunDetail detail = this.reports.runDetail(run.second().getId()).orElseThrow();

		assertThat(detail.run().id()).isEqualTo(run.second().getId());
		assertThat(detail.log()).extracting(Report.LogEntry::itemId)
			.contains(run.indexed(), run.unchanged(), run.failed(), run.downloadFailed());
		assertThat(detail.log()).filteredOn(entry -> entry.outcome() != null)
			.extracting(entry -> entry.itemId() + " " + entry.outcome() + " " + entry.storagePath())
			.containsExactlyInAnyOrder(run.indexed() + " indexed docs/fresh.md",
					run.unchanged() + " unchanged docs/same.txt", run.failed() + " failed docs/broken.pdf",
					run.downloadFailed() + " download_failed docs/never-uploaded.pdf");
		assertThat(detail.log()).allMatch(entry -> entry.time() != null && entry.level() != null);
		String text = ReportText.render(detail);
		assertThat(text).contains("docs/never-uploaded.pdf", "download_failed", "Item log");
		assertThat(this.reports.runDetail(run.second().getId() + 1000)).isEmpty();
	}

	@Test
	void withoutATerminalTheRunLogsItsProgressAsPlainLines(CapturedOutput output) throws Exception {
		MixedOutcomes run = MixedOutcomes.run(this.queue, this.jobOperatorTestUtils);

		long chunks = this.queue.count("SELECT COALESCE(SUM(chunk_count), 0) FROM ingestion_log WHERE job_execution_id = "
				+ run.second().getId());
		assertThat(output.getErr()).contains("progress: done, 1/1 items")
			.contains("progress: done, 4/4 items, " + chunks + " chunks, ");
	}

	private static JsonNode step(JsonNode run, String name) {
		for (JsonNode step : run.path("steps")) {
			if (step.path("name").asString().equals(name)) {
				return step;
			}
		}
		throw new AssertionError("no step " + name + " in " + run);
	}

}
