package dev.ingestor.web;

import java.util.ArrayList;
import java.util.List;

import dev.ingestor.web.ApiClient.Response;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens (401, 403), tenants (404), listing, documents and deletes. */
interface ReadAndDeleteContract extends ApiFixture {

	@Test
	default void withoutAValidTokenEveryEndpointIs401() throws Exception {
		String forged = ApiClient.signedWith("another-secret-that-is-32-bytes-or-longer", "acme", "admin");
		for (String token : new String[] { null, forged, "not-a-jwt" }) {
			Response upload = client().upload(token, "a.txt", ApiFixture.text("a"));
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
		long document = client().upload(USER, "mine.txt", ApiFixture.text("Mine.")).longField("documentId");
		String noRole = ApiClient.token("acme");
		String noTenant = ApiClient.token(null, "user", "admin");

		Response delete = client().delete("/v1/documents/" + document, USER);
		assertThat(delete.status()).isEqualTo(403);
		assertThat(delete.contentType()).startsWith("application/problem+json");
		assertThat(client().get("/v1/documents/" + document, noRole).status()).isEqualTo(403);
		assertThat(client().upload(noRole, "b.txt", ApiFixture.text("b")).status()).isEqualTo(403);
		assertThat(client().get("/v1/documents/" + document, noTenant).status()).isEqualTo(403);
		assertThat(queue().count("SELECT COUNT(*) FROM ingestion_queue_item")).isEqualTo(1);
	}

	@Test
	default void anotherTenantsIdsAre404NeverListedAndNeverDeleted() throws Exception {
		Response upload = client().upload(USER, "secret-plan.txt", ApiFixture.text("Acme's plan."));
		long item = upload.longField("itemId");
		long document = upload.longField("documentId");

		for (String path : List.of("/v1/ingestion-items/" + item, "/v1/documents/" + document)) {
			Response response = client().get(path, OTHER_TENANT);
			assertThat(response.status()).as(path).isEqualTo(404);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
		assertThat(client().delete("/v1/documents/" + document, OTHER_TENANT).status()).isEqualTo(404);
		assertThat(client().upload(OTHER_TENANT, "v2.txt", ApiFixture.text("Globex's"), "documentId", Long.toString(document)).status())
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
			items.add(client().upload(USER, "page" + i + ".txt", ApiFixture.text("Page " + i)).longField("itemId"));
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
		Response upload = client().upload(USER, "to-delete.md", ApiFixture.text("# Delete me\n\nSoon out of search.\n"));
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

	@Test
	default void searchRanksOnlyTheCallersTenantsPassages() throws Exception {
		long acme = client().upload(USER, "harbour.md",
				ApiFixture.text("# Harbour\n\nThe harbour pilot boards ships at the breakwater before dawn.\n"))
			.longField("documentId");
		long globex = client().upload(OTHER_TENANT, "harbour-too.md",
				ApiFixture.text("# Harbour\n\nThe harbour pilot boards ships at the breakwater at noon.\n"))
			.longField("documentId");
		assertThat(runJob()).isEqualTo(BatchStatus.COMPLETED);

		Response mine = client().get("/v1/search?q=when%20does%20the%20harbour%20pilot%20board&k=5", USER);
		Response theirs = client().get("/v1/search?q=when%20does%20the%20harbour%20pilot%20board&k=5", OTHER_TENANT);

		assertThat(mine.status()).isEqualTo(200);
		assertThat(mine.json().path("hits").valueStream().map(hit -> hit.path("documentId").asLong())).containsOnly(acme)
			.isNotEmpty();
		assertThat(mine.json().path("hits").get(0).path("text").asText()).contains("before dawn");
		assertThat(mine.json().path("rowsScanned").asLong()).isEqualTo(1);
		assertThat(theirs.json().path("hits").valueStream().map(hit -> hit.path("documentId").asLong()))
			.containsOnly(globex)
			.isNotEmpty();
		assertThat(client().get("/v1/search?q=harbour", null).status()).isEqualTo(401);
		Response empty = client().get("/v1/search?q=%20&k=5", USER);
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.contentType()).startsWith("application/problem+json");
		assertThat(client().get("/v1/search?q=harbour&k=0", USER).status()).isEqualTo(400);
	}

}
