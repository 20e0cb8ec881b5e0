package dev.ingestor.web.console;

import java.time.LocalDateTime;

import dev.ingestor.web.ApiNotFoundException;
import dev.ingestor.web.Tenants;
import jakarta.validation.constraints.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /items}: the tenant's queue rows by status, path and time, and one row with its whole log. */
@Controller
@Profile("serve")
class ItemPages {

	private final ConsoleQueries queries;

	private final Tenants tenants;

	private final int pageSize;

	ItemPages(ConsoleQueries queries, Tenants tenants, @Value("${ingest.console.page-size:50}") int pageSize) {
		this.queries = queries;
		this.tenants = tenants;
		this.pageSize = pageSize;
	}

	@GetMapping("/items")
	String items(
			@RequestParam(required = false) @Pattern(regexp = "queued|processing|indexed|failed|download_failed") String status,
			@RequestParam(required = false) String path,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime to,
			@RequestParam(required = false) Long before, Model model) {
		var filter = new ConsoleQueries.ItemFilter(blankToNull(status), blankToNull(path), from, to);
		var items = this.queries.items(this.tenants.current(), filter, before, this.pageSize);
		model.addAttribute("filter", filter);
		model.addAttribute("items", items);
		model.addAttribute("nextBefore", (items.size() == this.pageSize) ? items.get(items.size() - 1).id() : null);
		return "items";
	}

	@GetMapping("/items/{id}")
	String item(@PathVariable long id, Model model) {
		var item = this.queries.item(this.tenants.current(), id).orElseThrow(() -> new ApiNotFoundException("item", id));
		model.addAttribute("item", item);
		model.addAttribute("log", this.queries.log(id));
		return "item";
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
