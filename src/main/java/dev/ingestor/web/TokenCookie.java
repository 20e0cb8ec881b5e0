package dev.ingestor.web;

import java.time.Duration;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The console's login: the same signed JWT the API takes as a bearer token, kept in an
 * {@code HttpOnly}, {@code SameSite=Strict} cookie so that page scripts never see it. Both filter
 * chains read the header first and this cookie second.
 */
public final class TokenCookie implements BearerTokenResolver {

	public static final String NAME = "INGEST_TOKEN";

	private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();

	/**
	 * The cookie is not read where a stale one must not stand in the way: logging in or out and the
	 * login page itself (an expired cookie would otherwise answer 401 or loop back to the login).
	 */
	private static boolean ignoresCookie(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/v1/auth/") || path.equals("/login");
	}

	@Override
	public String resolve(HttpServletRequest request) {
		String token = this.header.resolve(request);
		if (token != null || ignoresCookie(request)) {
			return token;
		}
		return value(request);
	}

	static String value(HttpServletRequest request) {
		if (request.getCookies() != null) {
			for (Cookie cookie : request.getCookies()) {
				if (NAME.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
					return cookie.getValue();
				}
			}
		}
		return null;
	}

	/**
	 * CSRF protection where the browser authenticates on its own: a state-changing request that
	 * carries the cookie and no Authorization header (which a cross-site page cannot set). Logging
	 * in and out are exempt: neither is authenticated by the cookie.
	 */
	static RequestMatcher needsCsrf() {
		return request -> !(switch (request.getMethod()) {
			case "GET", "HEAD", "OPTIONS", "TRACE" -> true;
			default -> false;
		}) && request.getHeader("Authorization") == null && value(request) != null && !ignoresCookie(request);
	}

	static ResponseCookie issue(String token, Duration ttl, boolean secure) {
		return ResponseCookie.from(NAME, token).httpOnly(true).sameSite("Strict").secure(secure).path("/").maxAge(ttl).build();
	}

	static ResponseCookie clear(boolean secure) {
		return ResponseCookie.from(NAME, "").httpOnly(true).sameSite("Strict").secure(secure).path("/").maxAge(0).build();
	}

}
