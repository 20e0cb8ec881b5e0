package dev.ingestor.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ingestor.support.IngestProcess;
import dev.ingestor.support.MySqlDatabase;
import dev.ingestor.support.QueueFixture;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application pointed at a manager's existing MariaDB database: a {@code utf8mb3}
 * default, the manager's own tables and its own Flyway history (V1..V5). Ours must migrate beside
 * them without touching them, and store an emoji.
 */
class ManagerDatabaseProcessTests {

	static final Duration LAUNCH = Duration.ofSeconds(120);

	@TempDir
	Path work;

	MySqlDatabase database;

	@AfterEach
	void drop() throws Exception {
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	void migratesBesideTheManagersFlywayHistoryAndIndexesAnEmojiOnAUtf8mb3Database() throws Exception {
		this.database = MySqlDatabase.create("manager", "utf8mb3 COLLATE utf8mb3_general_ci");
		Flyway.configure().dataSource(url(), this.database.user(), this.database.password())
			.locations("classpath:manager-db").load().migrate();
		JdbcClient jdbc = jdbc();

		run("run");
		QueueFixture queue = new QueueFixture(jdbc, this.work.resolve("storage"));
		long row = queue.queueNew(queue.writeText("emoji/notes.txt", "Launch day \uD83D\uDE80: the rocket emoji survives."));
		run("run");

		assertThat(queue.row(row).status()).as(queue.row(row).ragMessage()).isEqualTo("indexed");
		assertThat(jdbc.sql("SELECT content FROM document_chunk").query(String.class).single()).contains("\uD83D\uDE80");
		assertThat(jdbc.sql("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")
			.query(String.class).list()).as("the manager's history, untouched").containsExactly("1", "2", "3", "4", "5");
		assertThat(jdbc.sql("SELECT version FROM ingestor_schema_history WHERE success = TRUE ORDER BY installed_rank")
			.query(String.class).list()).as("ours: a baseline below V1, then every migration").startsWith("0", "1", "2", "3");
		assertThat(nonUtf8mb4Tables(jdbc)).as("our tables not in utf8mb4").isEmpty();
	}

	@Test
	void anInstallThatRecordedOurMigrationsInTheDefaultHistoryTableIsAdoptedWithoutRerunningThem() throws Exception {
		this.database = MySqlDatabase.create("legacy", "utf8mb3 COLLATE utf8mb3_general_ci");
		// What rag-ingestor before its own history table did: V1 and V2 in flyway_schema_history.
		Flyway.configure().dataSource(url(), this.database.user(), this.database.password())
			.locations("classpath:db/migration", "classpath:dev/ingestor/config/migration").target("2").load().migrate();
		JdbcClient jdbc = jdbc();
		QueueFixture queue = new QueueFixture(jdbc, this.work.resolve("storage"));
		long row = queue.queueNew(queue.writeText("legacy/old.txt", "Queued before the upgrade \uD83D\uDC4B."));

		run("run");

		assertThat(queue.row(row).status()).as(queue.row(row).ragMessage()).isEqualTo("indexed");
		assertThat(jdbc.sql("SELECT version FROM ingestor_schema_history WHERE success = TRUE ORDER BY installed_rank")
			.query(String.class).list()).startsWith("2", "3");
		assertThat(nonUtf8mb4Tables(jdbc)).isEmpty();
	}

	private List<String> nonUtf8mb4Tables(JdbcClient jdbc) {
		return jdbc.sql("""
				SELECT table_name FROM information_schema.tables
				WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'
				  AND table_name NOT LIKE 'app\\_%' AND table_name NOT IN ('flyway_schema_history', 'ingestor_schema_history')
				  AND table_collation NOT LIKE 'utf8mb4%'""").query(String.class).list();
	}

	private void run(String... args) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("SPRING_DATASOURCE_URL", url());
		env.put("SPRING_DATASOURCE_USERNAME", this.database.user());
		env.put("SPRING_DATASOURCE_PASSWORD", this.database.password());
		env.put("INGEST_STORAGE_DIR", this.work.resolve("storage").toString());
		try (IngestProcess process = IngestProcess.start(this.work, env, args)) {
			assertThat(process.awaitExit(LAUNCH)).as(process.output()).isZero();
		}
	}

	private String url() {
		return this.database.url();
	}

	private JdbcClient jdbc() {
		return JdbcClient.create(new DriverManagerDataSource(url(), this.database.user(), this.database.password()));
	}

}
