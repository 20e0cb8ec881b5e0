package dev.ingestor.web.console;

import dev.ingestor.store.DocumentQueries;
import dev.ingestor.web.ApiNotFoundException;
import dev.ingestor.web.Tenants;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /documents}: the tenant's documents with their active version and the search box
 * (which asks {@code GET /v1/search}); one document with its versions and chunk previews.
 */
@Controller
@Profile("serve")
class DocumentPages {

	private final ConsoleQueries queries;

	private final DocumentQueries documents;

	private final Tenants tenants;

	private final int pageSize;

	private final int previewChunks;

	private final int previewChars;

	DocumentPages(ConsoleQueries queries, DocumentQueries documents, Tenants tenants,
			@Value("${ingest.console.page-size:50}") int pageSize,
			@Value("${ingest.console.preview-chunks:50}") int previewChunks,
			@Value("${ingest.console.preview-chars:300}") int previewChars) {
		this.queries = queries;
		this.documents = documents;
		this.tenants = tenants;
		this.pageSize = pageSize;
		this.previewChunks = previewChunks;
		this.previewChars = previewChars;
	}

	@GetMapping("/documents")
	String documents(@RequestParam(required = false) Long before, Model model) {
		var rows = this.queries.documents(this.tenants.current(), before, this.pageSize);
		model.addAttribute("documents", rows);
		model.addAttribute("nextBefore", (rows.size() == this.pageSize) ? rows.get(rows.size() - 1).id() : null);
		return "documents";
	}

	@GetMapping("/documents/{id}")
	String document(@PathVariable long id, @RequestParam(required = false) Long version, Model model) {
		var document = this.documents.find(this.tenants.current(), id)
			.orElseThrow(() -> new ApiNotFoundException("document", id));
		Long shown = (version != null && document.versions().stream().anyMatch(v -> v.id() == version)) ? version
				: document.activeVersionId();
		model.addAttribute("document", document);
		model.addAttribute("shownVersion", shown);
		model.addAttribute("chunks", (shown != null) ? this.queries.chunks(shown, this.previewChunks, this.previewChars)
				: java.util.List.of());
		return "document";
	}

}
