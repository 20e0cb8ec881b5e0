package dev.ingestor.config;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Our history table on H2: adopted from the default one when it records our V1/V2, fresh otherwise. */
class ManagerDatabaseFlywayTests {

	static final String[] LOCATIONS = { "classpath:db/migration", "classpath:dev/ingestor/config/migration" };

	final DriverManagerDataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=MySQL;DB_CLOSE_DELAY=-1", "sa", "");

	final JdbcClient jdbc = JdbcClient.create(this.dataSource);

	@Test
	void anInstallWithOurV1AndV2InTheDefaultHistoryOnlyRunsWhatComesAfter() {
		Flyway.configure().dataSource(this.dataSource).locations(LOCATIONS).target("2").load().migrate();

		ours().migrate();

		assertThat(this.jdbc.sql("SELECT \"version\" FROM \"ingestor_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")
			.query(String.class).list()).startsWith("2", "3").doesNotContain("1");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM document_version WHERE dedup_key IS NULL").query(Long.class).single())
			.isZero();
	}

	@Test
	void aDatabaseWithSomeoneElsesTablesGetsEveryMigrationOfOurs() {
		this.jdbc.sql("CREATE TABLE app_user (id BIGINT PRIMARY KEY)").update();

		ours().migrate();

		assertThat(this.jdbc.sql("SELECT \"version\" FROM \"ingestor_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")
			.query(String.class).list()).startsWith("0", "1", "2", "3");
	}

	/** What Boot builds from application.properties, then our customizer. */
	private Flyway ours() {
		FluentConfiguration configuration = Flyway.configure().dataSource(this.dataSource).locations(LOCATIONS)
			.table("ingestor_schema_history").baselineOnMigrate(true).baselineVersion("0");
		new ManagerDatabaseFlyway().customize(configuration);
		return configuration.load();
	}

}
