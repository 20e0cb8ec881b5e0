package dev.ingestor.web;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.config.IngestProperties.AuthMode;

import org.springframework.context.annotation.Profile;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/** The caller's tenant: from the token's claim, never from the request. */
@Component
@Profile("serve")
public class Tenants {

	/** The only tenant of a server without authentication, and the manager's SQL default. */
	static final String DEFAULT = "default";

	private final AuthMode mode;

	Tenants(IngestProperties properties) {
		this.mode = properties.auth();
	}

	/** The tenant of the caller of the request in hand. */
	public String current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token) {
			String tenant = token.getToken().getClaimAsString(TenantAndRoles.TENANT_CLAIM);
			if (tenant != null && !tenant.isBlank()) {
				return tenant;
			}
		}
		else if (this.mode == AuthMode.NONE) {
			return DEFAULT;
		}
		throw new AccessDeniedException("the caller has no tenant");
	}

}
