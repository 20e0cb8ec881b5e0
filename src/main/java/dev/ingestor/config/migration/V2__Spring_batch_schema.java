package dev.ingestor.config.migration;

import java.sql.Connection;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import org.springframework.batch.infrastructure.support.DatabaseType;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Creates the {@code BATCH_*} tables from the script Spring Batch ships for this database.
 * Batch picks its id incrementer from the same product name (MySQL tables vs. MariaDB and H2
 * sequences), so asking Batch which script fits keeps the two in step, and Flyway's history
 * records that it ran.
 */
public class V2__Spring_batch_schema extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		DatabaseType type = DatabaseType.fromProductName(connection.getMetaData().getDatabaseProductName());
		String platform = (type == DatabaseType.POSTGRES) ? "postgresql" : type.name().toLowerCase(Locale.ROOT);
		ScriptUtils.executeSqlScript(connection,
				new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql"));
	}

}
