package dev.ingestor.config.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Makes our tables safe in a manager's database: on MySQL/MariaDB every table we created is
 * converted to {@code utf8mb4}, whatever the database's default was when V1 and V2 ran (a
 * {@code utf8mb3} default breaks on the first emoji). Also adds {@code document_version.dedup_key},
 * the "unchanged" short-circuit key that covers the model and the chunking settings; versions
 * written before it have none and are re-embedded the next time their document is queued.
 */
public class V3__Manager_database extends BaseJavaMigration {

	/** Every table V1 and V2 create; nothing else in the manager's database is touched. */
	static final List<String> OUR_TABLES = List.of("document_node", "ingestion_queue_item", "ingestion_log",
			"document_version", "document_chunk", "shedlock", "BATCH_JOB_INSTANCE", "BATCH_JOB_EXECUTION",
			"BATCH_JOB_EXECUTION_PARAMS", "BATCH_STEP_EXECUTION", "BATCH_STEP_EXECUTION_CONTEXT",
			"BATCH_JOB_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION_SEQ", "BATCH_JOB_EXECUTION_SEQ",
			"BATCH_JOB_INSTANCE_SEQ");

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		try (Statement statement = connection.createStatement()) {
			if (product.contains("mysql") || product.contains("mariadb")) {
				// Foreign keys between our tables would refuse a column whose charset changes under them.
				statement.execute("SET FOREIGN_KEY_CHECKS = 0");
				for (String table : existingTables(connection)) {
					statement.execute("ALTER TABLE " + table + " CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
				}
				statement.execute("SET FOREIGN_KEY_CHECKS = 1");
			}
			statement.execute("ALTER TABLE document_version ADD COLUMN dedup_key CHAR(64) NULL");
		}
	}

	/** Our tables as this database spells them (MariaDB sequences instead of the MySQL *_SEQ tables). */
	private static List<String> existingTables(Connection connection) throws Exception {
		List<String> found = new ArrayList<>();
		try (ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), null, "%", new String[] { "TABLE" })) {
			while (tables.next()) {
				String name = tables.getString("TABLE_NAME");
				if (OUR_TABLES.stream().anyMatch(name::equalsIgnoreCase)) {
					found.add(name);
				}
			}
		}
		return found;
	}

}
