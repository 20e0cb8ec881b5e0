package dev.ingestor.config;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

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
		if (dataSource == null || exists(dataSource, configuration.getTable())
				|| !exists(dataSource, LEGACY_HISTORY) || !recordedOurV2(dataSource)) {
			return;
		}
		log.warn("{} records rag-ingestor's V1 and V2 (an install from before our own history table): "
				+ "starting {} with a baseline at 2", LEGACY_HISTORY, configuration.getTable());
		configuration.baselineOnMigrate(true).baselineVersion("2")
			.baselineDescription("adopted from " + LEGACY_HISTORY);
	}

	private static boolean recordedOurV2(DataSource dataSource) {
		Long count = new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM " + LEGACY_HISTORY
				+ " WHERE success = TRUE AND script IN ('V1__queue_tables.sql', "
				+ "'dev.ingestor.config.migration.V2__Spring_batch_schema')", Long.class);
		return count != null && count == 2;
	}

	private static boolean exists(DataSource dataSource, String table) {
		try (Connection connection = dataSource.getConnection()) {
			for (String name : new String[] { table, table.toUpperCase(java.util.Locale.ROOT) }) {
				try (ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), null, name, null)) {
					if (tables.next()) {
						return true;
					}
				}
			}
			return false;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot inspect the database for Flyway's history table " + table
					+ ": " + ex.getMessage(), ex);
		}
	}

}
