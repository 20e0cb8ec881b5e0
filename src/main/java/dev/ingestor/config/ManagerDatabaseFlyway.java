package dev.ingestor.config;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Our migrations keep their own history table ({@code spring.flyway.table}), so that a manager's
 * own Flyway history in the same database is neither read nor touched. An install from before
 * that change recorded our V1 and V2 in the default {@code flyway_schema_history}: there, and only
 * there, our history starts with a baseline at 2, so that V1 and V2 are not run a second time.
 */
@Component
class ManagerDatabaseFlyway implements FlywayConfigurationCustomizer {

	/** The table Flyway uses when none is set, where versions before 0.2 recorded our migrations. */
	static final String LEGACY_HISTORY = "flyway_schema_history";

	private static final Logger log = LoggerFactory.getLogger(ManagerDatabaseFlyway.class);

	@Override
	public void customize(FluentConfiguration configuration) {
		DataSource dataSource = configuration.getDataSource();
		if (dataSource == null || tableName(dataSource, configuration.getTable()) != null) {
			return;
		}
		String legacy = tableName(dataSource, LEGACY_HISTORY);
		if (legacy == null || !recordedOurV2(dataSource, legacy)) {
			return;
		}
		log.warn("{} records rag-ingestor's V1 and V2 (an install from before our own history table): "
				+ "starting {} with a baseline at 2", LEGACY_HISTORY, configuration.getTable());
		configuration.baselineOnMigrate(true).baselineVersion("2")
			.baselineDescription("adopted from " + LEGACY_HISTORY);
	}

	/** Flyway quotes its names on H2 (lower case), not on MySQL: quote them as this database does. */
	private static boolean recordedOurV2(DataSource dataSource, String table) {
		String q = new JdbcTemplate(dataSource).execute((Connection c) -> c.getMetaData().getIdentifierQuoteString().trim());
		Long count = new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM " + q + table + q
				+ " WHERE " + q + "success" + q + " = TRUE AND " + q + "script" + q + " IN ('V1__queue_tables.sql', "
				+ "'dev.ingestor.config.migration.V2__Spring_batch_schema')", Long.class);
		return count != null && count == 2;
	}

	/** The table's name as the database spells it, or null when there is none. */
	private static String tableName(DataSource dataSource, String table) {
		try (Connection connection = dataSource.getConnection()) {
			for (String name : new String[] { table, table.toUpperCase(Locale.ROOT) }) {
				try (ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), null, name, null)) {
					if (tables.next()) {
						return tables.getString("TABLE_NAME");
					}
				}
			}
			return null;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot inspect the database for Flyway's history table " + table
					+ ": " + ex.getMessage(), ex);
		}
	}

}
