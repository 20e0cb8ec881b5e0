package dev.ingestor.web;

import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The console's users ({@code ingestor_user}): created by {@code bin/ingest user add}, checked by
 * {@code POST /v1/auth/login}. Only bcrypt hashes are stored; a password never leaves this class.
 */
@Component
public class AppUsers {

	/** The roles a user may hold, as the API's tokens name them. */
	public static final List<String> ROLES = List.of(ApiSecurityConfiguration.USER, ApiSecurityConfiguration.ADMIN);

	private static final PasswordEncoder BCRYPT = new BCryptPasswordEncoder();

	/** Compared against when the name is unknown, so that a wrong name costs as long as a wrong password. */
	private static final String NOBODY = BCRYPT.encode("no such user");

	private final JdbcClient jdbc;

	AppUsers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a new user.
	 * @throws IllegalArgumentException when the name is taken, the tenant too long or the role unknown
	 */
	public void add(String name, CharSequence password, String tenant, String role) {
		if (!ROLES.contains(role)) {
			throw new IllegalArgumentException("unknown role '" + role + "'; choose among " + ROLES);
		}
		if (tenant.isBlank() || tenant.length() > TenantAndRoles.MAX_TENANT_LENGTH) {
			throw new IllegalArgumentException("a tenant is 1 to " + TenantAndRoles.MAX_TENANT_LENGTH + " characters");
		}
		try {
			this.jdbc.sql("INSERT INTO ingestor_user (name, password_hash, tenant_id, roles) VALUES (:name, :hash, :tenant, :roles)")
				.param("name", name)
				.param("hash", BCRYPT.encode(password))
				.param("tenant", tenant)
				.param("roles", role)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new IllegalArgumentException("a user named '" + name + "' exists already", ex);
		}
	}

	/** The user when the name and password match; empty otherwise, without saying which was wrong. */
	Optional<User> check(String name, CharSequence password) {
		Optional<Stored> stored = this.jdbc.sql("SELECT name, password_hash, tenant_id, roles FROM ingestor_user WHERE name = :name")
			.param("name", name)
			.query((rs, row) -> new Stored(new User(rs.getString("name"), rs.getString("tenant_id"),
					List.of(rs.getString("roles").trim().split("\\s+"))), rs.getString("password_hash")))
			.optional();
		boolean matches = BCRYPT.matches(password, stored.map(Stored::hash).orElse(NOBODY));
		return (matches && stored.isPresent()) ? Optional.of(stored.get().user()) : Optional.empty();
	}

	/** Who logged in: the claims of the token the login signs. */
	record User(String name, String tenant, List<String> roles) {
	}

	private record Stored(User user, String hash) {
	}

}
