package dev.ingestor.web.console;

import java.util.Map;

import dev.ingestor.job.RunActions;
import dev.ingestor.report.ReportService;
import dev.ingestor.web.ApiNotFoundException;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /v1/runs/{id}/restart} and {@code /stop}: the console's admin actions on runs (the
 * API's chain lets only admins post here). 202 once asked; 409 when the run is not in that state.
 */
@RestController
@Profile("serve")
class RunActionController {

	private final RunActions actions;

	private final ReportService report;

	RunActionController(RunActions actions, ReportService report) {
		this.actions = actions;
		this.report = report;
	}

	@PostMapping("/v1/runs/{id}/restart")
	ResponseEntity<Map<String, Object>> restart(@PathVariable long id) {
		known(id);
		if (this.actions.restart(id) != RunActions.Outcome.ACCEPTED) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"run " + id + " cannot be restarted: only the last run, when FAILED or STOPPED");
		}
		return ResponseEntity.accepted().body(Map.of("runId", id, "action", "restart"));
	}

	@PostMapping("/v1/runs/{id}/stop")
	ResponseEntity<Map<String, Object>> stop(@PathVariable long id) {
		known(id);
		if (this.actions.stop(id) != RunActions.Outcome.ACCEPTED) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"run " + id + " is not running in this server; stop it with SIGTERM where it runs");
		}
		return ResponseEntity.accepted().body(Map.of("runId", id, "action", "stop"));
	}

	/** A run of ingestJob; the tenant "" has no items, so no log rows are read. */
	private void known(long id) {
		if (this.report.runDetail(id, "").isEmpty()) {
			throw new ApiNotFoundException("run", id);
		}
	}

}
