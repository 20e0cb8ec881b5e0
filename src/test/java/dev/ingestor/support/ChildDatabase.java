package dev.ingestor.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The database a child process works on, seen from the test: the environment that points the
 * child at it, and short-lived connections to read it back between runs. A connection is opened
 * per query, so that an H2 file is never held open by the test while a child owns it.
 */
public final class ChildDatabase implements AutoCloseable {

	private final String url;

	private final String user;

	private final String password;

	private final AutoCloseable owner;

	private final JdbcClient jdbc;

	private ChildDatabase(String url, String user, String password, AutoCloseable owner) {
		this.url = url;
		this.user = user;
		this.password = password;
		this.owner = owner;
		this.jdbc = JdbcClient.create(new DriverManagerDataSource(url, user, password));
	}

	/** The embedded default: an H2 file in MySQL mode under {@code dir}, with the options of application.properties. */
	public static ChildDatabase h2File(Path dir) {
		return migrated(new ChildDatabase("jdbc:h2:file:" + dir.resolve("ingestor").toAbsolutePath()
				+ ";MODE=MySQL;AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0", "sa", "", () -> {
				}));
	}

	/** A throw-away database on the machine's MariaDB/MySQL, dropped on close. */
	public static ChildDatabase mysql(String purpose) {
		MySqlDatabase database = MySqlDatabase.create(purpose);
		return migrated(new ChildDatabase(database.url(), database.user(), database.password(), database));
	}

	/** The application's own migrations, so that tests can queue rows before the first run. */
	private static ChildDatabase migrated(ChildDatabase database) {
		Flyway.configure()
			.dataSource(database.url, database.user, database.password)
			.locations("classpath:db/migration", "classpath:dev/ingestor/config/migration")
			.table("ingestor_schema_history")
			.load()
			.migrate();
		return database;
	}

	/** SPRING_DATASOURCE_* for the child. */
	public Map<String, String> env() {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("SPRING_DATASOURCE_URL", this.url);
		env.put("SPRING_DATASOURCE_USERNAME", this.user);
		env.put("SPRING_DATASOURCE_PASSWORD", this.password);
		return env;
	}

	/**
	 * An open connection until closed. On an H2 file this makes the test the AUTO_SERVER owner:
	 * H2 itself cannot arbitrate several processes opening a closed file in the same instant
	 * ("Locked by another process"), which is a property of H2's embedded mode, not of our lock.
	 */
	public Connection holdOpen() throws SQLException {
		return DriverManager.getConnection(this.url, this.user, this.password);
	}

	public JdbcClient jdbc() {
		return this.jdbc;
	}

	public long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	@Override
	public void close() throws Exception {
		this.owner.close();
	}

}
