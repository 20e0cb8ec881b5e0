package dev.ingestor.web;

import java.net.URI;

import dev.ingestor.queue.Intake;
import dev.ingestor.queue.IntakeResult;
import dev.ingestor.store.DocumentQueries;

import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/documents/{id}}: a document with its versions, and its removal from search. */
@RestController
@Profile("serve")
class DocumentController {

	private final DocumentQueries documents;

	private final Intake intake;

	private final Tenants tenants;

	DocumentController(DocumentQueries documents, Intake intake, Tenants tenants) {
		this.documents = documents;
		this.intake = intake;
		this.tenants = tenants;
	}

	@GetMapping("/v1/documents/{id}")
	ApiBodies.Document document(@PathVariable long id) {
		return this.documents.find(this.tenants.current(), id)
			.map(ApiBodies.Document::of)
			.orElseThrow(() -> new ApiNotFoundException("document", id));
	}

	/** 202: a delete is queued; the job deactivates the active version and its chunks (admin only). */
	@DeleteMapping("/v1/documents/{id}")
	ResponseEntity<ApiBodies.Queued> delete(@PathVariable long id) {
		IntakeResult.Queued queued = this.intake.delete(this.tenants.current(), id);
		return ResponseEntity.accepted()
			.location(URI.create(ItemUrls.status(queued.itemId())))
			.body(new ApiBodies.Queued(queued.itemId(), queued.documentId()));
	}

}
