package dev.ingestor.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Health and Prometheus stay open on the management port, which binds to localhost by default,
 * as before Spring Security was on the class path (whose default would put them behind a
 * generated password). Present whenever a web server runs: {@code daemon} and {@code serve}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ManagementSecurityConfiguration {

	@Bean
	@Order(10)
	SecurityFilterChain managementSecurity(HttpSecurity http) throws Exception {
		return http.securityMatcher("/actuator/**").authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
	}

}
