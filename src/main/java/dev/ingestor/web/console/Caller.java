package dev.ingestor.web.console;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.config.IngestProperties.AuthMode;
import dev.ingestor.web.ApiSecurityConfiguration;
import dev.ingestor.web.Tenants;

import org.springframework.context.annotation.Profile;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Who is looking, for every console page: the tenant (from the token, like the API), whether
 * admin-only controls are drawn, and whether there is a login at all.
 */
@ControllerAdvice(assignableTypes = { OverviewController.class, RunPages.class, ItemPages.class,
		DocumentPages.class, UploadPage.class })
@Profile("serve")
class Caller {

	private final Tenants tenants;

	private final boolean loginEnabled;

	Caller(Tenants tenants, IngestProperties properties) {
		this.tenants = tenants;
		this.loginEnabled = properties.auth() != AuthMode.NONE;
	}

	@ModelAttribute("tenant")
	String tenant() {
		return this.tenants.current();
	}

	@ModelAttribute("admin")
	boolean admin() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getAuthorities()
			.stream()
			.anyMatch(authority -> ("ROLE_" + ApiSecurityConfiguration.ADMIN).equals(authority.getAuthority()));
	}

	@ModelAttribute("userName")
	String userName() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return this.loginEnabled && authentication != null ? authentication.getName() : null;
	}

	@ModelAttribute("loginEnabled")
	boolean loginEnabled() {
		return this.loginEnabled;
	}

}
