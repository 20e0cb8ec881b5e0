package dev.ingestor.web.console;

import dev.ingestor.job.RunActions;
import dev.ingestor.report.ReportService;
import dev.ingestor.web.ApiNotFoundException;
import dev.ingestor.web.Tenants;
import jakarta.validation.constraints.Min;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /runs}: the job executions newest first, and one run with its steps and item log. */
@Controller
@Profile("serve")
class RunPages {

	private final ReportService report;

	private final RunActions actions;

	private final Tenants tenants;

	private final int pageSize;

	RunPages(ReportService report, RunActions actions, Tenants tenants,
			@Value("${ingest.console.page-size:50}") int pageSize) {
		this.report = report;
		this.actions = actions;
		this.tenants = tenants;
		this.pageSize = pageSize;
	}

	@GetMapping("/runs")
	String runs(@RequestParam(defaultValue = "0") @Min(0) int page, Model model) {
		var runs = this.report.runs(page * this.pageSize, this.pageSize);
		model.addAttribute("runs", runs);
		model.addAttribute("page", page);
		model.addAttribute("hasOlder", runs.size() >= this.pageSize);
		return "runs";
	}

	@GetMapping("/runs/{id}")
	String run(@PathVariable long id, Model model) {
		var detail = this.report.runDetail(id, this.tenants.current()).orElseThrow(() -> new ApiNotFoundException("run", id));
		model.addAttribute("detail", detail);
		model.addAttribute("restartable", this.actions.restartable(id));
		model.addAttribute("stoppable", this.actions.runningHere(id));
		return "run";
	}

}
