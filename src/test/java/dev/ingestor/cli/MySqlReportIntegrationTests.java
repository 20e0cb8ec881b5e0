package dev.ingestor.cli;

import dev.ingestor.report.ReportService;
import dev.ingestor.support.MySqlJobTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class MySqlReportIntegrationTests extends MySqlJobTestBase {

	@Autowired
	ReportService reports;

	@Test
	void jsonQueueCountsEqualTheDatabaseAfterMixedOutcomesOnMySql() throws Exception {
		MixedOutcomes run = MixedOutcomes.run(this.queue, this.jobOperatorTestUtils);

		JsonNode json = MixedOutcomes.JSON.readTree(ReportCommand.toJson(this.reports.report(10, 20)));

		MixedOutcomes.assertQueueMatchesDatabase(json, this.jdbc);
		JsonNode outcomes = json.path("runs").get(0).path("outcomes");
		assertThat(json.path("runs").get(0).path("id").asLong()).isEqualTo(run.second().getId());
		assertThat(outcomes.path("indexed").asLong()).isEqualTo(1);
		assertThat(outcomes.path("unchanged").asLong()).isEqualTo(1);
		assertThat(outcomes.path("failed").asLong()).isEqualTo(1);
		assertThat(outcomes.path("download_failed").asLong()).isEqualTo(1);
		assertThat(json.path("recentFailures")).extracting(f -> f.path("storagePath").asString())
			.containsExactlyInAnyOrder("docs/broken.pdf", "docs/never-uploaded.pdf");
	}

}
