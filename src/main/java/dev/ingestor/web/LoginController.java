package dev.ingestor.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.ingestor.config.IngestProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /v1/auth}: checks a console user and sets the signed token as a cookie, or clears it.
 * Signing needs the HS256 secret; with keys from a JWKS or issuer the identity provider logs
 * people in, not us.
 */
@RestController
@Profile("serve")
class LoginController {

	private static final Logger log = LoggerFactory.getLogger(LoginController.class);

	private final AppUsers users;

	private final JwtEncoder encoder;

	private final Duration ttl;

	LoginController(AppUsers users, IngestProperties properties,
			@Value("${ingest.login-ttl:PT8H}") Duration ttl) {
		this.users = users;
		String secret = properties.jwt().secret();
		this.encoder = (secret != null && !secret.isBlank()) ? new NimbusJwtEncoder(
				new ImmutableSecret<>(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))) : null;
		this.ttl = ttl;
	}

	/** A JSON login: 204 with the cookie, or a 401 problem that does not say whether the name exists. */
	@PostMapping(path = "/v1/auth/login", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> login(@RequestBody @jakarta.validation.Valid Credentials credentials, HttpServletRequest request) {
		String token = token(credentials.name(), credentials.password());
		if (token == null) {
			throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "unknown name or wrong password");
		}
		return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie(token, request)).build();
	}

	/** The login page's form: back to the console, or to the form with an error. */
	@PostMapping(path = "/v1/auth/login", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Void> loginForm(String name, String password, HttpServletRequest request) {
		String token = (name != null && password != null) ? token(name, password) : null;
		if (token == null) {
			return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/login?error")).build();
		}
		return ResponseEntity.status(HttpStatus.SEE_OTHER)
			.location(URI.create("/"))
			.header(HttpHeaders.SET_COOKIE, cookie(token, request))
			.build();
	}

	@PostMapping("/v1/auth/logout")
	ResponseEntity<Void> logout(HttpServletRequest request) {
		return ResponseEntity.status(HttpStatus.SEE_OTHER)
			.location(URI.create("/login?logout"))
			.header(HttpHeaders.SET_COOKIE, TokenCookie.clear(request.isSecure()).toString())
			.build();
	}

	private String token(String name, String password) {
		if (this.encoder == null) {
			throw new ResponseStatusException(HttpStatus.NOT_IMPLEMENTED,
					"login needs INGEST_JWT_SECRET: this server only verifies tokens its identity provider signs");
		}
		return this.users.check(name, password).map(user -> {
			log.info("login: {} ({} of tenant {})", user.name(), user.roles(), user.tenant());
			Instant now = Instant.now();
			JwtClaimsSet claims = JwtClaimsSet.builder()
				.subject(user.name())
				.issuedAt(now)
				.expiresAt(now.plus(this.ttl))
				.claim(TenantAndRoles.TENANT_CLAIM, user.tenant())
				.claim(TenantAndRoles.ROLES_CLAIM, user.roles())
				.build();
			return this.encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
				.getTokenValue();
		}).orElseGet(() -> {
			log.info("login refused for a user name of {} characters", name.length());
			return null;
		});
	}

	private String cookie(String token, HttpServletRequest request) {
		return TokenCookie.issue(token, this.ttl, request.isSecure()).toString();
	}

	/** What the login form sends. */
	record Credentials(@NotBlank String name, @NotBlank String password) {
	}

}
