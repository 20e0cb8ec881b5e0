package dev.ingestor.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** For {@code bench}: a database of its own on a MySQL/MariaDB server, created and dropped. */
final class MariaDbScratch implements AutoCloseable {

	private final String serverUrl;

	private final String user;

	private final String password;

	/** README, "MySQL": UTC timestamps, multi-row batch inserts, no round trip for a known session state. */
	static final String RECOMMENDED_OPTIONS = "connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
			+ "&rewriteBatchedStatements=true&useLocalSessionState=true&cachePrepStmts=true&prepStmtCacheSize=250&prepStmtCacheSqlLimit=2048";

	private final String name = "rag_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	MariaDbScratch(String serverUrl, String user, String password) throws SQLException {
		this.serverUrl = serverUrl;
		this.user = user;
		this.password = password;
		execute("CREATE DATABASE " + this.name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
	}

	/** The scratch database with the driver options the README recommends for MySQL. */
	String url() {
		return this.serverUrl + "/" + this.name + "?" + RECOMMENDED_OPTIONS;
	}

	String user() {
		return this.user;
	}

	String password() {
		return this.password;
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.serverUrl, this.user, this.password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	@Override
	public void close() throws SQLException {
		execute("DROP DATABASE IF EXISTS " + this.name);
	}

}
