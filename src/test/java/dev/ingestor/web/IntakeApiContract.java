package dev.ingestor.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import dev.ingestor.support.QueueFixture;
import dev.ingestor.web.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The intake API through a real server on a random port and the JDK's HTTP client, on every
 * database we support. The server takes at most {@link #MAX_QUEUED} queued rows and files of at
 * most {@link #MAX_FILE_BYTES} bytes.
 */
interface IntakeApiContract {

	int MAX_QUEUED = 5;

	long MAX_FILE_BYTES = 64 * 1024;

	String USER = ApiClient.token("acme", "user");

	String ADMIN = ApiClient.token("acme", "admin");

	String OTHER_TENANT = ApiClient.token("globex", "user", "admin");

	ApiClient client();

	QueueFixture queue();

	JdbcClient jdbc();

	BatchStatus runJob() throws Exception;

	/** Storage outlives a test; its uploads must not. */
	@BeforeEach
	default void removeUploads() throws IOException {
		Path uploads = queue().storage().resolve("uploads");
		if (Files.exists(uploads)) {
			try (Stream<Path> paths = Files.walk(uploads)) {
				for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
	}

	private static byte[] text(String content) {
		return content.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	default void uploadAnswers202ThenPollingTurns200WhenIndexed() throws Exception {
		Response upload = client().upload(USER, "guide.md", text("# Guide\n\nHow to queue documents over HTTP.\n"));

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
		byte[] content = text("Unchanged content, uploaded twice.");
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
				byte[] content = text("Raced content, round " + round + ".");
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
		byte[] content = text("<<<not really a document>>>");
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

		Response response = client().upload(USER, "late.txt", text("Too late."));

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
		Response response = client().upload(USER, "program.exe", text("MZ not a document"));

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

	@Test
	default void withoutAValidTokenEveryEndpointIs401() throws Exception {
		String forged = ApiClient.signedWith("another-secret-that-is-32-bytes-or-longer", "acme", "admin");
		for (String token : new String[] { null, forged, "not-a-jwt" }) {
			Response upload = client().upload(token, "a.txt", text("a"));
			assertThat(upload.status()).isEqualTo(401);
			assertThat(upload.contentType()).startsWith("application/problem+json");
			assertThat(client().get("/v1/ingestion-items/1", token).status()).isEqualTo(401);
			assertThat(client().get("/v1/ingestion-items", token).status()).isEqualTo(401);
			assertThat(client().get("/v1/documents/1", token).status()).isEqualTo(401);
			assertThat(client().delete("/v1/documents/1", token).status()).isEqualTo(401);
		}
		assertThat(uploadedFiles()).isEmpty();
	}

	@Test
	default void aWrongRoleIs403() throws Exception {
		long document = client().upload(USER, "mine.txt", text("Mine.")).longField("documentId");
		String noRole = ApiClient.token("acme");
		String noTenant = ApiClient.token(null, "user", "admin");

		Response delete = client().delete("/v1/documents/" + document, USER);
		assertThat(delete.status()).isEqualTo(403);
		assertThat(delete.contentType()).startsWith("application/problem+json");
		assertThat(client().get("/v1/documents/" + document, noRole).status()).isEqualTo(403);
		assertThat(client().upload(noRole, "b.txt", text("b")).status()).isEqualTo(403);
		assertThat(client().get("/v1/documents/" + document, noTenant).status()).isEqualTo(403);
		assertThat(queue().count("SELECT COUNT(*) FROM ingestion_queue_item")).isEqualTo(1);
	}

	@Test
	default void anotherTenantsIdsAre404NeverListedAndNeverDeleted() throws Exception {
		Response upload = client().upload(USER, "secret-plan.txt", text("Acme's plan."));
		long item = upload.longField("itemId");
		long document = upload.longField("documentId");

		for (String path : List.of("/v1/ingestion-items/" + item, "/v1/documents/" + document)) {
			Response response = client().get(path, OTHER_TENANT);
			assertThat(response.status()).as(path).isEqualTo(404);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
		assertThat(client().delete("/v1/documents/" + document, OTHER_TENANT).status()).isEqualTo(404);
		assertThat(client().upload(OTHER_TENANT, "v2.txt", text("Globex's"), "documentId", Long.toString(document)).status())
			.isEqualTo(404);
		assertThat(client().get("/v1/ingestion-items", OTHER_TENANT).json().path("items").size()).isZero();
		assertThat(client().get("/v1/ingestion-items", USER).json().path("items").size()).isEqualTo(1);
		assertThat(client().get("/v1/ingestion-items/" + item, ADMIN).status()).isEqualTo(202);
		assertThat(queue().count("SELECT COUNT(*) FROM ingestion_queue_item")).isEqualTo(1);
	}

	@Test
	default void itemsAreListedNewestFirstAPageAtATime() throws Exception {
		List<Long> items = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			items.add(client().upload(USER, "page" + i + ".txt", text("Page " + i)).longField("itemId"));
		}

		Response first = client().get("/v1/ingestion-items?limit=2&status=queued", USER);
		Response second = client().get("/v1/ingestion-items?limit=2&status=queued&cursor=" + first.text("nextCursor"), USER);

		assertThat(first.json().path("items").valueStream().map(n -> n.path("itemId").asLong()))
			.containsExactly(items.get(2), items.get(1));
		assertThat(second.json().path("items").valueStream().map(n -> n.path("itemId").asLong()))
			.containsExactly(items.get(0));
		assertThat(second.json().path("nextCursor").isNull()).isTrue();
		assertThat(client().get("/v1/ingestion-items?status=indexed", USER).json().path("items").size()).isZero();
		assertThat(client().get("/v1/ingestion-items?status=bogus", USER).status()).isEqualTo(400);
	}

	@Test
	default void deleteQueuesADeleteAndTheJobDeactivatesTheVersionAndItsChunks() throws Exception {
		Response upload = client().upload(USER, "to-delete.md", text("# Delete me\n\nSoon out of search.\n"));
		assertThat(runJob()).isEqualTo(BatchStatus.COMPLETED);
		long document = upload.longField("documentId");
		assertThat(queue().activeChunks(document)).isEqualTo(1);

		Response delete = client().delete("/v1/documents/" + document, ADMIN);

		assertThat(delete.status()).isEqualTo(202);
		long item = delete.longField("itemId");
		assertThat(client().get("/v1/ingestion-items/" + item, ADMIN).status()).isEqualTo(202);
		assertThat(runJob()).isEqualTo(BatchStatus.COMPLETED);
		Response done = client().get("/v1/ingestion-items/" + item, ADMIN);
		assertThat(done.status()).isEqualTo(200);
		assertThat(done.text("status")).isEqualTo("indexed");
		assertThat(done.text("ragMessage")).startsWith("deleted").contains("1 chunk deactivated");
		assertThat(queue().activeChunks(document)).isZero();
		assertThat(queue().activeVersions(document)).isZero();
		assertThat(client().get("/v1/documents/" + document, USER).json().path("activeVersionId").isNull()).isTrue();
	}

	@Test
	default void aManagerQueuesTheSameDeleteBySql() throws Exception {
		long node = queue().node("manager.txt");
		queue().queue(node, queue().writeText("m/manager.txt", "Written by the manager."));
		assertThat(runJob()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(queue().activeChunks(node)).isEqualTo(1);

		jdbc().sql("INSERT INTO ingestion_queue_item(document_node_id, storage_path, kind) VALUES (:node, '', 'delete')")
			.param("node", node)
			.update();
		assertThat(runJob()).isEqualTo(BatchStatus.COMPLETED);

		assertThat(queue().activeChunks(node)).isZero();
		assertThat(queue().count("SELECT COUNT(*) FROM ingestion_queue_item WHERE kind = 'delete' AND status = 'indexed'"
				+ " AND rag_message LIKE 'deleted%'")).isEqualTo(1);
		assertThat(queue().count("SELECT COUNT(*) FROM ingestion_log WHERE outcome = 'deleted'")).isEqualTo(1);
	}

	private Stream<Path> uploadedFilesStream() throws IOException {
		Path uploads = queue().storage().resolve("uploads");
		return Files.exists(uploads) ? Files.walk(uploads).filter(Files::isRegularFile) : Stream.empty();
	}

	/** Files under storage's uploads/ folder now. */
	default List<Path> uploadedFiles() throws IOException {
		try (Stream<Path> files = uploadedFilesStream()) {
			return files.toList();
		}
	}

}
