package dev.ingestor.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.ingestor.web.ApiClient.Response;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Uploads: 202 and polling, unchanged, duplicates in flight, a full queue, 413, 415, 400. */
interface UploadContract extends ApiFixture {

	@Test
	default void uploadAnswers202ThenPollingTurns200WhenIndexed() throws Exception {
		Response upload = client().upload(USER, "guide.md", ApiFixture.text("# Guide\n\nHow to queue documents over HTTP.\n"));

		assertThat(upload.status()).isEqualTo(202);
		long item = upload.longField("itemId");
		assertThat(upload.text("status")).isEqualTo("queued");
		assertThat(upload.text("statusUrl")).isEqualTo("/v1/ingestion-items/" + item);
		assertThat(upload.location()).isEqualTo("/v1/ingestion-items/" + item);
		Response queued = client().get("/v1/ingestion-items/" + item, USER);
		assertThat(queued.status()).isEqualTo(202);
		assertThat(queued.text("status")).isEqualTo("queued");

		assertThat(runJob()).isEqualTo(BatchStatus.COMPLETED);

		Response done = client().get("/v1/ingestion-items/" + item, USER);
		assertThat(done.status()).isEqualTo(200);
		assertThat(done.text("status")).isEqualTo("indexed");
		assertThat(done.text("ragMessage")).startsWith("indexed 1 chunk");
		assertThat(done.longField("chunkCount")).isEqualTo(1);
		assertThat(done.json().path("endedAt").isNull()).isFalse();
		long document = upload.longField("documentId");
		Response doc = client().get("/v1/documents/" + document, USER);
		assertThat(doc.status()).isEqualTo(200);
		assertThat(doc.longField("activeVersionId")).isEqualTo(done.longField("versionId"));
		assertThat(doc.json().path("versions").get(0).path("activeChunks").asLong()).isEqualTo(1);
		assertThat(jdbc().sql("SELECT tenant_id FROM document_node WHERE id = :id").param("id", document)
			.query(String.class).single()).isEqualTo("acme");
	}

	@Test
	default void theSameBytesAgainAreUnchangedAndQueueNothing() throws Exception {
		byte[] content = ApiFixture.text("Unchanged content, uploaded twice.");
		Response first = client().upload(USER, "same.txt", content);
		assertThat(runJob()).isEqualTo(BatchStatus.COMPLETED);
		long rows = queue().count("SELECT COUNT(*) FROM ingestion_queue_item");

		Response again = client().upload(USER, "same-again.txt", content);
		Response asVersion = client().upload(USER, "same.txt", content, "documentId",
				Long.toString(first.longField("documentId")));

		for (Response response : List.of(again, asVersion)) {
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.text("status")).isEqualTo("unchanged");
			assertThat(response.longField("documentId")).isEqualTo(first.longField("documentId"));
			assertThat(response.longField("versionId"))
				.isEqualTo(client().get("/v1/ingestion-items/" + first.longField("itemId"), USER).longField("versionId"));
		}
		assertThat(queue().count("SELECT COUNT(*) FROM ingestion_queue_item")).isEqualTo(rows);
		assertThat(uploadedFiles()).hasSize(1);
	}

	@Test
	default void twoIdenticalUploadsAtTheSameInstantGiveOneItemAndOne409() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 3; round++) {
				byte[] content = ApiFixture.text("Raced content, round " + round + ".");
				CountDownLatch start = new CountDownLatch(1);
				Callable<Response> upload = () -> {
					start.await();
					return client().upload(USER, "race.txt", content);
				};
				List<Future<Response>> racing = List.of(pool.submit(upload), pool.submit(upload));
				start.countDown();
				List<Response> responses = new ArrayList<>();
				for (Future<Response> response : racing) {
					responses.add(response.get());
				}

				assertThat(responses).extracting(Response::status).containsExactlyInAnyOrder(202, 409);
				Response accepted = responses.stream().filter(r -> r.status() == 202).findFirst().orElseThrow();
				Response conflict = responses.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
				assertThat(conflict.contentType()).startsWith("application/problem+json");
				assertThat(conflict.longField("itemId")).isEqualTo(accepted.longField("itemId"));
			}
			assertThat(queue().count("SELECT COUNT(*) FROM ingestion_queue_item")).isEqualTo(3);
			assertThat(uploadedFiles()).hasSize(3);
			assertThat(runJob()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(queue().count("SELECT COUNT(*) FROM document_version WHERE is_active = TRUE")).isEqualTo(3);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	default void theSchemaRefusesASecondRowWithTheSameInFlightKey() {
		long node = queue().node("a.txt");
		String insert = "INSERT INTO ingestion_queue_item (document_node_id, storage_path, inflight_key) VALUES (:n, 'a.txt', 'k')";
		jdbc().sql(insert).param("n", node).update();

		assertThatThrownBy(() -> jdbc().sql(insert).param("n", node).update()).isInstanceOf(DuplicateKeyException.class);
	}

	@Test
	default void anUploadWhileTheSameContentIsInFlightIs409AndAfterItFailedItIsAcceptedAgain() throws Exception {
		byte[] content = ApiFixture.text("<<<not really a document>>>");
		Response first = client().upload(USER, "notes.txt", content);
		Response second = client().upload(USER, "notes.txt", content);
		assertThat(second.status()).isEqualTo(409);
		jdbc().sql("UPDATE ingestion_queue_item SET status = 'failed' WHERE id = :id").param("id", first.longField("itemId")).update();

		Response third = client().upload(USER, "notes.txt", content);

		assertThat(third.status()).isEqualTo(202);
		assertThat(third.longField("itemId")).isNotEqualTo(first.longField("itemId"));
	}

	@Test
	default void aFullQueueAnswers503WithRetryAfterAndKeepsNothing() throws Exception {
		for (int i = 0; i < MAX_QUEUED; i++) {
			queue().queueNew("elsewhere/" + i + ".txt");
		}

		Response response = client().upload(USER, "late.txt", ApiFixture.text("Too late."));

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.retryAfter()).matches("[1-9][0-9]*");
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.text("detail")).contains("queue is full").contains("INGEST_MAX_QUEUED");
		assertThat(queue().count("SELECT COUNT(*) FROM ingestion_queue_item")).isEqualTo(MAX_QUEUED);
		assertThat(uploadedFiles()).isEmpty();
	}

	@Test
	default void aFullQueueAnswers503BeforeTheBodyIsRead() throws Exception {
		for (int i = 0; i < MAX_QUEUED; i++) {
			queue().queueNew("elsewhere/" + i + ".txt");
		}

		// Parsed, this body would be refused as too large (413): 503 shows it never was.
		Response response = client().upload(USER, "late.txt", new byte[(int) MAX_FILE_BYTES + 1]);

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.retryAfter()).isNotNull();
	}

	@Test
	default void aFileOverTheLimitIs413AndKeepsNothing() throws Exception {
		Response response = client().upload(USER, "big.txt", new byte[(int) MAX_FILE_BYTES + 1]);

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.text("detail")).contains("size limit of " + MAX_FILE_BYTES).contains("INGEST_MAX_FILE_BYTES");
		assertThat(queue().count("SELECT COUNT(*) FROM ingestion_queue_item")).isZero();
		assertThat(uploadedFiles()).isEmpty();
	}

	@Test
	default void aTypeNoExtractorReadsIs415AndKeepsNothing() throws Exception {
		Response response = client().upload(USER, "program.exe", ApiFixture.text("MZ not a document"));

		assertThat(response.status()).isEqualTo(415);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.text("detail")).contains("unsupported document type '.exe'").contains("supported: ").contains("pdf");
		assertThat(queue().count("SELECT COUNT(*) FROM ingestion_queue_item")).isZero();
		assertThat(queue().count("SELECT COUNT(*) FROM document_node")).isZero();
		assertThat(uploadedFiles()).isEmpty();
	}

	@Test
	default void anEmptyFileOrAMissingPartIs400() throws Exception {
		assertThat(client().upload(USER, "empty.txt", new byte[0]).status()).isEqualTo(400);
		Response bad = client().get("/v1/ingestion-items?limit=0", USER);
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.contentType()).startsWith("application/problem+json");
		assertThat(uploadedFiles()).isEmpty();
	}

}
