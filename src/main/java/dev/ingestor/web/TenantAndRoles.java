package dev.ingestor.web;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Roles from the token's {@code roles} claim (a list, or one space-separated string), but only
 * for a token that names its tenant: without {@code tenant_id} a token grants nothing (403).
 */
public final class TenantAndRoles implements Converter<Jwt, AbstractAuthenticationToken> {

	static final String TENANT_CLAIM = "tenant_id";

	static final String ROLES_CLAIM = "roles";

	/** The width of {@code document_node.tenant_id}. */
	static final int MAX_TENANT_LENGTH = 64;

	private static final Set<String> KNOWN = Set.of(ApiSecurityConfiguration.USER, ApiSecurityConfiguration.ADMIN);

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		String tenant = jwt.getClaimAsString(TENANT_CLAIM);
		boolean tenanted = tenant != null && !tenant.isBlank() && tenant.length() <= MAX_TENANT_LENGTH;
		return new JwtAuthenticationToken(jwt, tenanted ? authorities(jwt) : List.of(), jwt.getSubject());
	}

	private static Collection<GrantedAuthority> authorities(Jwt jwt) {
		Object claim = jwt.getClaim(ROLES_CLAIM);
		Collection<?> roles = (claim instanceof Collection<?> list) ? list
				: (claim instanceof String text) ? List.of(text.trim().split("\\s+")) : List.of();
		return roles.stream()
			.map(String::valueOf)
			.filter(KNOWN::contains)
			.distinct()
			.<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
			.toList();
	}

}
