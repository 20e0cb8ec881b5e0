package dev.ingestor.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import dev.ingestor.queue.Intake;
import dev.ingestor.queue.IntakeResult;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code POST /v1/ingest}: a document (or a new version of one) handed over for ingestion. */
@RestController
@Profile("serve")
class IngestController {

	private final Intake intake;

	private final Tenants tenants;

	IngestController(Intake intake, Tenants tenants) {
		this.intake = intake;
		this.tenants = tenants;
	}

	/**
	 * 202 with the new item, 200 when the bytes equal the document's active version; 409 when
	 * they are already in flight, 503 when the queue is full, 413, 415 or 400 otherwise.
	 */
	@PostMapping(path = "/v1/ingest", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<?> ingest(@RequestPart("file") MultipartFile file,
			@RequestParam(required = false) @Size(max = 512) String name,
			@RequestParam(required = false) @Positive Long documentId) throws IOException {
		String fileName = (file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank())
				? file.getOriginalFilename() : name;
		String displayName = (name != null && !name.isBlank()) ? name : fileName;
		IntakeResult result;
		try (InputStream body = file.getInputStream()) {
			result = this.intake.upload(this.tenants.current(), documentId, fileName, displayName, body);
		}
		if (result instanceof IntakeResult.Unchanged unchanged) {
			return ResponseEntity.ok(new ApiBodies.Unchanged(unchanged.documentId(), unchanged.versionId()));
		}
		IntakeResult.Queued queued = (IntakeResult.Queued) result;
		return ResponseEntity.accepted()
			.location(URI.create(ItemUrls.status(queued.itemId())))
			.body(new ApiBodies.Queued(queued.itemId(), queued.documentId()));
	}

}
