package dev.ingestor.web.console;

import java.util.List;
import java.util.Map;

import dev.ingestor.queue.Requeue;
import dev.ingestor.web.ApiNotFoundException;
import dev.ingestor.web.Tenants;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /v1/ingestion-items/{id}/requeue} (admins): {@code bin/ingest requeue --id} for one
 * failed or download_failed row of the caller's tenant; its history stays in the log.
 */
@RestController
@Profile("serve")
class RequeueController {

	private final Requeue requeue;

	private final ConsoleQueries queries;

	private final Tenants tenants;

	RequeueController(Requeue requeue, ConsoleQueries queries, Tenants tenants) {
		this.requeue = requeue;
		this.queries = queries;
		this.tenants = tenants;
	}

	@PostMapping("/v1/ingestion-items/{id}/requeue")
	Map<String, Object> requeue(@PathVariable long id) {
		var item = this.queries.item(this.tenants.current(), id)
			.orElseThrow(() -> new ApiNotFoundException("ingestion item", id));
		if (!item.requeueable()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"item " + id + " is " + item.status() + "; only failed and download_failed items are requeued");
		}
		List<Long> requeued = this.requeue.requeue(new Requeue.Selection(List.of(id), List.of(), null, null, null));
		if (requeued.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "item " + id + " changed meanwhile; reload");
		}
		return Map.of("id", id, "status", "queued");
	}

}
