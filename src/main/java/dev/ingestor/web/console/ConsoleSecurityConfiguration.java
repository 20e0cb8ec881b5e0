package dev.ingestor.web.console;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.config.IngestProperties.AuthMode;
import dev.ingestor.web.ApiSecurityConfiguration;
import dev.ingestor.web.TenantAndRoles;
import dev.ingestor.web.TokenCookie;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * The console's pages: the login cookie (the API's token) or, with {@code INGEST_AUTH=none}, the
 * single tenant's admin. Without a valid cookie a page sends the browser to {@code /login}. The
 * pages only read; every action is a {@code /v1} request under the API's chain and its roles.
 */
@Configuration(proxyBeanMethods = false)
@Profile("serve")
class ConsoleSecurityConfiguration {

	static final String[] PAGES = { "/", "/login", "/runs", "/runs/**", "/items", "/items/**", "/documents",
			"/documents/**", "/upload", "/favicon.ico", "/error" };

	/**
	 * Scripts, styles and Chart.js are public and the same for everyone: no session, no CSRF, and
	 * the resource handler's own caching headers instead of Spring Security's no-store.
	 */
	@Bean
	@Order(3)
	SecurityFilterChain consoleAssets(HttpSecurity http) throws Exception {
		return http.securityMatcher("/console/**", "/webjars/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.headers(headers -> headers.cacheControl(cache -> cache.disable()))
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	@Bean
	@Order(4)
	SecurityFilterChain consoleSecurity(HttpSecurity http, IngestProperties properties) throws Exception {
		http.securityMatcher(PAGES)
			.authorizeHttpRequests(requests -> requests.requestMatchers("/login", "/favicon.ico", "/error")
				.permitAll()
				.anyRequest()
				.hasAnyRole(ApiSecurityConfiguration.USER, ApiSecurityConfiguration.ADMIN))
			// The pages change nothing; the token rendered into them protects the /v1 actions.
			.csrf(csrf -> csrf.spa())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
					"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
							+ "connect-src 'self'; frame-ancestors 'none'; form-action 'self'")));
		if (properties.auth() == AuthMode.NONE) {
			http.anonymous(anonymous -> anonymous.principal("single-tenant")
				.authorities("ROLE_" + ApiSecurityConfiguration.USER, "ROLE_" + ApiSecurityConfiguration.ADMIN));
		}
		else {
			LoginUrlAuthenticationEntryPoint toLogin = new LoginUrlAuthenticationEntryPoint("/login");
			http.oauth2ResourceServer(server -> server.bearerTokenResolver(new TokenCookie())
				.jwt(jwt -> jwt.decoder(ApiSecurityConfiguration.decoder(properties.jwt()))
					.jwtAuthenticationConverter(new TenantAndRoles()))
				.authenticationEntryPoint(toLogin))
				.exceptionHandling(errors -> errors.authenticationEntryPoint(toLogin));
		}
		return http.build();
	}

}
