package dev.ingestor.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.web.ApiClient.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code INGEST_AUTH=none}: one tenant ("default", the manager's own), no token needed; and
 * health stays on the management port, not on the API's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ingest.auth=none", "server.address=127.0.0.1", "management.server.port=0" })
@ActiveProfiles({ "daemon", "serve" })
class SingleTenantApiTests extends H2JobTestBase {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void withoutAuthenticationUploadsNeedNoTokenAndShareTheManagersTenant() throws Exception {
		ApiClient client = new ApiClient(this.port);
		long managers = this.queue.node("from-the-manager.txt");

		Response upload = client.upload(null, "open.txt", "No token needed.".getBytes(StandardCharsets.UTF_8));

		assertThat(upload.status()).isEqualTo(202);
		assertThat(this.jdbc.sql("SELECT tenant_id FROM document_node WHERE id = :id")
			.param("id", upload.longField("documentId"))
			.query(String.class)
			.single()).isEqualTo("default");
		assertThat(client.get("/v1/documents/" + managers, null).status()).isEqualTo(200);
		assertThat(client.delete("/v1/documents/" + managers, null).status()).isEqualTo(202);
	}

	@Test
	void healthIsServedOnTheManagementPortOnly() throws Exception {
		assertThat(get(this.managementPort, "/actuator/health").statusCode()).isEqualTo(200);
		assertThat(get(this.managementPort, "/actuator/prometheus").body()).contains("ingest_queue_depth");
		assertThat(get(this.port, "/actuator/health").statusCode()).isEqualTo(404);
	}

	@Test
	void theOpenApiDescriptionAndItsUiAreServed() throws Exception {
		HttpResponse<String> docs = get(this.port, "/v3/api-docs");
		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(docs.body()).contains("/v1/ingest", "/v1/ingestion-items/{id}", "/v1/documents/{id}", "bearer");
		assertThat(get(this.port, "/swagger-ui/index.html").statusCode()).isEqualTo(200);
	}

	private static HttpResponse<String> get(int port, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
	}

}
