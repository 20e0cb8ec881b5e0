package dev.ingestor.web;

import java.nio.charset.StandardCharsets;

import javax.crypto.spec.SecretKeySpec;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.config.IngestProperties.AuthMode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;

/**
 * The API's security, one filter chain scoped to {@code /v1/**} so that the console's chain can
 * sit beside it: bearer JWTs (or none, single tenant, when asked for explicitly), stateless, and
 * every refusal as {@code application/problem+json}. The console's login cookie counts as a bearer
 * token here too, and a state-changing request authenticated by it must carry the CSRF token.
 */
@Configuration(proxyBeanMethods = false)
@Profile("serve")
public class ApiSecurityConfiguration {

	public static final String USER = "user";

	public static final String ADMIN = "admin";

	/** HS256 needs a key of at least 256 bits. */
	private static final int MIN_SECRET_BYTES = 32;

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, IngestProperties properties, ProblemResponses problems)
			throws Exception {
		http.securityMatcher("/v1/**")
			.authorizeHttpRequests(requests -> requests.requestMatchers("/v1/auth/**")
				.permitAll()
				.requestMatchers(HttpMethod.DELETE, "/v1/**")
				.hasRole(ADMIN)
				.requestMatchers(HttpMethod.GET, "/v1/**")
				.hasAnyRole(USER, ADMIN)
				.requestMatchers(HttpMethod.POST, "/v1/ingest")
				.hasAnyRole(USER, ADMIN)
				.anyRequest()
				.hasRole(ADMIN))
			// Only the console's cookie needs it; a bearer header is not something another site can send.
			// Set on the filter itself: the resource server exempts every request its token resolver
			// finds a token in, the cookie included, from the matcher configured here.
			.csrf(csrf -> csrf.spa().withObjectPostProcessor(new ObjectPostProcessor<CsrfFilter>() {
				@Override
				public <F extends CsrfFilter> F postProcess(F filter) {
					filter.setRequireCsrfProtectionMatcher(TokenCookie.needsCsrf());
					return filter;
				}
			}))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		if (properties.auth() == AuthMode.NONE) {
			// Single tenant: every caller is the default tenant's admin.
			http.anonymous(anonymous -> anonymous.principal("single-tenant")
				.authorities("ROLE_" + USER, "ROLE_" + ADMIN));
		}
		else {
			JwtDecoder decoder = decoder(properties.jwt());
			http.oauth2ResourceServer(server -> server.bearerTokenResolver(new TokenCookie()).jwt(jwt -> jwt.decoder(decoder)
				.jwtAuthenticationConverter(new TenantAndRoles()))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems));
		}
		return http.build();
	}

	/** The API documentation is public: it says how to call the API, not what is in it. */
	@Bean
	@Order(2)
	SecurityFilterChain apiDocsSecurity(HttpSecurity http) throws Exception {
		return http.securityMatcher("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.build();
	}

	/** Refuses to start without keys: an API that accepts any token, or none, is never a default. */
	public static JwtDecoder decoder(IngestProperties.Jwt jwt) {
		if (present(jwt.secret())) {
			byte[] secret = jwt.secret().getBytes(StandardCharsets.UTF_8);
			if (secret.length < MIN_SECRET_BYTES) {
				throw new IllegalStateException("INGEST_JWT_SECRET is " + secret.length + " bytes; HS256 needs at least "
						+ MIN_SECRET_BYTES);
			}
			return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
				.macAlgorithm(MacAlgorithm.HS256)
				.build();
		}
		if (present(jwt.jwksUri())) {
			return NimbusJwtDecoder.withJwkSetUri(jwt.jwksUri()).build();
		}
		if (present(jwt.issuerUri())) {
			return NimbusJwtDecoder.withIssuerLocation(jwt.issuerUri()).build();
		}
		throw new IllegalStateException("serve needs the keys that sign its bearer tokens: set INGEST_JWT_SECRET "
				+ "(HS256), INGEST_JWT_JWKS_URI or INGEST_JWT_ISSUER_URI; or INGEST_AUTH=none for a single-tenant "
				+ "server without authentication");
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

}
