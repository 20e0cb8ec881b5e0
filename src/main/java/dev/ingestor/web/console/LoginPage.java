package dev.ingestor.web.console;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.config.IngestProperties.AuthMode;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /login}: the form that posts to {@code /v1/auth/login}; none without authentication. */
@Controller
@Profile("serve")
class LoginPage {

	private final boolean loginEnabled;

	LoginPage(IngestProperties properties) {
		this.loginEnabled = properties.auth() != AuthMode.NONE;
	}

	@GetMapping("/login")
	String login() {
		return this.loginEnabled ? "login" : "redirect:/";
	}

}
