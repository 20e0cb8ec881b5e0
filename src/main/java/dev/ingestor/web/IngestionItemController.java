package dev.ingestor.web;

import java.util.List;

import dev.ingestor.queue.ItemQueries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/ingestion-items}: how queued work is going, within the caller's tenant. */
@RestController
@Profile("serve")
class IngestionItemController {

	private final ItemQueries items;

	private final Tenants tenants;

	IngestionItemController(ItemQueries items, Tenants tenants) {
		this.items = items;
		this.tenants = tenants;
	}

	/** 202 while {@code queued} or {@code processing}, 200 once terminal: poll until 200. */
	@GetMapping("/v1/ingestion-items/{id}")
	ResponseEntity<ApiBodies.Item> item(@PathVariable long id) {
		ItemQueries.Item item = this.items.find(this.tenants.current(), id)
			.orElseThrow(() -> new ApiNotFoundException("ingestion item", id));
		return ResponseEntity.status(item.inFlight() ? HttpStatus.ACCEPTED : HttpStatus.OK).body(ApiBodies.Item.of(item));
	}

	/** Newest first; {@code cursor} is the previous page's {@code nextCursor}. */
	@GetMapping("/v1/ingestion-items")
	ApiBodies.ItemPage list(
			@RequestParam(required = false) @Pattern(regexp = "queued|processing|indexed|failed|download_failed",
					message = "must be one of queued, processing, indexed, failed, download_failed") String status,
			@RequestParam(required = false) @Positive Long documentId,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
			@RequestParam(required = false) @Pattern(regexp = "[1-9][0-9]{0,18}",
					message = "must be a nextCursor from a previous page") String cursor) {
		List<ItemQueries.Item> page = this.items.list(this.tenants.current(), status, documentId,
				(cursor != null) ? Long.valueOf(cursor) : null, limit);
		String next = (page.size() == limit) ? Long.toString(page.get(page.size() - 1).id()) : null;
		return new ApiBodies.ItemPage(page.stream().map(ApiBodies.Item::of).toList(), next);
	}

}
