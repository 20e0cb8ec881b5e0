package dev.ingestor.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * A real HTTP client (the JDK's) for the intake API, with HS256 tokens minted here the way an
 * identity provider would, and multipart bodies written by hand so that they can be streamed.
 */
final class ApiClient {

	static final String SECRET = "test-secret-of-at-least-32-bytes-for-hs256!";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base;

	ApiClient(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	static String token(String tenant, String... roles) {
		return signedWith(SECRET, tenant, roles);
	}

	static String signedWith(String secret, String tenant, String... roles) {
		var encoder = new NimbusJwtEncoder(new ImmutableSecret<>(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.subject("someone@" + tenant)
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plus(1, ChronoUnit.HOURS))
			.claim("roles", List.of(roles));
		if (tenant != null) {
			claims.claim("tenant_id", tenant);
		}
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
			.getTokenValue();
	}

	Response upload(String token, String fileName, byte[] content, String... fields) throws IOException, InterruptedException {
		return upload(token, fileName, () -> new ByteArrayInputStream(content), fields);
	}

	/** POST /v1/ingest with the file part streamed from {@code content}; fields are name, value pairs. */
	Response upload(String token, String fileName, Supplier<InputStream> content, String... fields)
			throws IOException, InterruptedException {
		String boundary = "----ingest" + UUID.randomUUID();
		StringBuilder head = new StringBuilder();
		for (int i = 0; i < fields.length; i += 2) {
			head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(fields[i])
				.append("\"\r\n\r\n").append(fields[i + 1]).append("\r\n");
		}
		head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
			.append(fileName).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
		byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		HttpRequest.Builder request = request("/v1/ingest", token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(new ByteArrayInputStream(headBytes),
					new SequenceInputStream(content.get(), new ByteArrayInputStream(tail)))));
		return send(request.build());
	}

	Response get(String path, String token) throws IOException, InterruptedException {
		return send(request(path, token).GET().build());
	}

	Response delete(String path, String token) throws IOException, InterruptedException {
		return send(request(path, token).DELETE().build());
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path));
		return (token != null) ? builder.header("Authorization", "Bearer " + token) : builder;
	}

	private Response send(HttpRequest request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				response.headers().firstValue("Location").orElse(null),
				response.headers().firstValue("Retry-After").orElse(null), response.body());
	}

	/** What came back, with the body parsed as JSON when it is some. */
	record Response(int status, String contentType, String location, String retryAfter, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		long longField(String name) {
			return json().path(name).asLong();
		}

		String text(String name) {
			return json().path(name).asString();
		}

	}

}
