package dev.ingestor.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away database on the machine's MySQL server (MariaDB on ours), created per test
 * class and dropped afterwards; we never touch databases we did not create. In CI
 * ({@code CI=true}) an unreachable server fails the tests; on a laptop without one they skip.
 */
public final class MySqlDatabase implements AutoCloseable {

	/** Server address; override with INGEST_TEST_MYSQL_HOST / _PORT / _USER / _PASSWORD. */
	static final String HOST = env("INGEST_TEST_MYSQL_HOST", "127.0.0.1");

	static final String PORT = env("INGEST_TEST_MYSQL_PORT", "3306");

	static final String USER = env("INGEST_TEST_MYSQL_USER", "root");

	static final String PASSWORD = env("INGEST_TEST_MYSQL_PASSWORD", "");

	/**
	 * The settings the README recommends for production: UTC on the session, batched inserts
	 * rewritten into multi-row statements.
	 */
	static final String OPTIONS = "useSSL=false&allowPublicKeyRetrieval=true&connectionTimeZone=UTC"
			+ "&forceConnectionTimeZoneToSession=true&rewriteBatchedStatements=true";

	private final String name;

	private MySqlDatabase(String name) {
		this.name = name;
	}

	/** Creates a fresh database, or skips (fails in CI) when no server answers. */
	public static MySqlDatabase create(String purpose) {
		return create(purpose, "utf8mb4 COLLATE utf8mb4_unicode_ci");
	}

	/** A fresh database with the given default character set, as a manager may have created it. */
	public static MySqlDatabase create(String purpose, String characterSet) {
		String name = "ragingestor_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8);
		try (Connection connection = DriverManager.getConnection(serverUrl(), USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name + " CHARACTER SET " + characterSet);
		}
		catch (SQLException ex) {
			String message = "no MySQL/MariaDB server at " + HOST + ":" + PORT + " (" + ex.getMessage() + ")";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(message + "; CI requires it", ex);
			}
			Assumptions.abort(message + "; skipping the MySQL integration tests");
		}
		return new MySqlDatabase(name);
	}

	public String name() {
		return this.name;
	}

	public String url() {
		return "jdbc:mysql://" + HOST + ":" + PORT + "/" + this.name + "?" + OPTIONS;
	}

	public String user() {
		return USER;
	}

	public String password() {
		return PASSWORD;
	}

	@Override
	public void close() throws SQLException {
		try (Connection connection = DriverManager.getConnection(serverUrl(), USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + this.name);
		}
	}

	private static String serverUrl() {
		return "jdbc:mysql://" + HOST + ":" + PORT + "/?" + OPTIONS + "&connectTimeout=3000";
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
