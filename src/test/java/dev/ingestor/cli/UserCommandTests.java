package dev.ingestor.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/ingest user add}: the password comes from standard input (no terminal here), only
 * its bcrypt hash is stored, and it appears in no output. Runs the command line in this JVM
 * against an H2 file of its own.
 */
class UserCommandTests {

	static final String PASSWORD = "s3cret-enough-for-a-console";

	static Path dir;

	static String url;

	@BeforeAll
	static void ownDatabase() throws Exception {
		dir = Files.createTempDirectory("user-command");
		url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=MySQL";
		System.setProperty("spring.datasource.url", url);
		System.setProperty("ingest.storage-dir", dir.resolve("storage").toString());
	}

	@AfterAll
	static void forgetDatabase() {
		System.clearProperty("spring.datasource.url");
		System.clearProperty("ingest.storage-dir");
	}

	@Test
	void addsAUserWithOnlyTheBcryptHashOfThePasswordReadFromStandardInput() throws Exception {
		Run run = run(PASSWORD + "\n", "user", "add", "carol", "--role", "admin", "--tenant", "acme");

		assertThat(run.exit()).isEqualTo(ExitCodes.OK);
		assertThat(run.output()).contains("user carol added: admin of tenant acme").doesNotContain(PASSWORD);
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				ResultSet rs = connection.createStatement()
					.executeQuery("SELECT password_hash, tenant_id, roles FROM ingestor_user WHERE name = 'carol'")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString("password_hash")).startsWith("$2").doesNotContain(PASSWORD);
			assertThat(new BCryptPasswordEncoder().matches(PASSWORD, rs.getString("password_hash"))).isTrue();
			assertThat(rs.getString("tenant_id")).isEqualTo("acme");
			assertThat(rs.getString("roles")).isEqualTo("admin");
		}
		assertThat(run(PASSWORD + "\n", "user", "add", "carol", "--role", "user").exit()).as("the name is taken")
			.isEqualTo(ExitCodes.USAGE);
	}

	@Test
	void aShortPasswordOrAnUnknownRoleIsAUsageError() throws Exception {
		assertThat(run("short\n", "user", "add", "dave", "--role", "user").exit()).isEqualTo(ExitCodes.USAGE);
		assertThat(run(PASSWORD + "\n", "user", "add", "dave", "--role", "root").exit()).isEqualTo(ExitCodes.USAGE);
		assertThat(run(PASSWORD + "\n", "user", "add", "dave").exit()).as("--role is required").isEqualTo(ExitCodes.USAGE);
	}

	private static Run run(String stdin, String... args) {
		InputStream in = System.in;
		PrintStream out = System.out;
		PrintStream err = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
		try {
			System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
			System.setOut(capture);
			System.setErr(capture);
			int exit = IngestCli.execute(args);
			return new Run(exit, captured.toString(StandardCharsets.UTF_8));
		}
		finally {
			System.setIn(in);
			System.setOut(out);
			System.setErr(err);
		}
	}

	record Run(int exit, String output) {
	}

}
