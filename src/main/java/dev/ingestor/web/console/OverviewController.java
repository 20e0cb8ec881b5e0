package dev.ingestor.web.console;

import java.util.List;
import java.util.Map;

import dev.ingestor.report.LiveProgress;
import dev.ingestor.report.Progress;
import dev.ingestor.report.Report;
import dev.ingestor.report.ReportService;
import dev.ingestor.web.Tenants;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The overview at {@code /}: the tenant's queue, the run in progress, recent runs and failures.
 * The page draws itself from {@code GET /v1/console/overview}, which it polls.
 */
@Controller
@Profile("serve")
class OverviewController {

	private final ReportService report;

	private final ConsoleQueries queries;

	private final ObjectProvider<LiveProgress> progress;

	private final Tenants tenants;

	private final int recentRuns;

	private final int recentFailures;

	OverviewController(ReportService report, ConsoleQueries queries, ObjectProvider<LiveProgress> progress,
			Tenants tenants, @Value("${ingest.console.recent-runs:20}") int recentRuns,
			@Value("${ingest.console.recent-failures:10}") int recentFailures) {
		this.report = report;
		this.queries = queries;
		this.progress = progress;
		this.tenants = tenants;
		this.recentRuns = recentRuns;
		this.recentFailures = recentFailures;
	}

	@GetMapping("/")
	String page(Model model) {
		model.addAttribute("overview", overview());
		return "overview";
	}

	@GetMapping("/v1/console/overview")
	@ResponseBody
	Overview overview() {
		String tenant = this.tenants.current();
		List<Report.Run> runs = this.report.runs(0, this.recentRuns);
		Report.Run running = runs.stream().filter(run -> run.status().startsWith("START") || "STOPPING".equals(run.status()))
			.findFirst()
			.orElse(null);
		Live live = null;
		if (running != null) {
			live = this.progress.stream()
				.flatMap(display -> display.current().stream())
				.map(snapshot -> Live.of(running.id(), snapshot,
						this.queries.ownsPath(tenant, snapshot.currentFile()) ? snapshot.currentFile() : null))
				.findFirst()
				.orElse(new Live(running.id(), 0, 0, 0, 0, null, null));
		}
		return new Overview(this.queries.queueCounts(tenant), live, runs,
				this.queries.failures(tenant, this.recentFailures));
	}

	/**
	 * @param queue the tenant's rows per status
	 * @param running the run in progress, or null
	 * @param runs the recent runs, newest first (runs serve every tenant; their counts are totals)
	 * @param failures the tenant's latest failures
	 */
	record Overview(Map<String, Long> queue, Live running, List<Report.Run> runs, List<ConsoleQueries.Item> failures) {
	}

	/**
	 * @param currentFile the file in hand, when it is the caller's tenant's
	 * @param etaSeconds null until an item has ended
	 */
	record Live(long runId, long done, long total, long chunks, double chunksPerSecond, Long etaSeconds,
			String currentFile) {

		static Live of(long runId, Progress.Snapshot snapshot, String currentFile) {
			return new Live(runId, snapshot.done(), snapshot.total(), snapshot.chunks(),
					Math.round(snapshot.chunksPerSecond() * 10) / 10.0,
					(snapshot.eta() != null) ? snapshot.eta().toSeconds() : null, currentFile);
		}

	}

}
