package dev.ingestor.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.ingestor.support.ChildDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/ingest} as cron or systemd runs it: no {@code LANG}, {@code LC_ALL=C}. A file with
 * a non-ASCII name is enqueued, stored under its own name and indexed; {@code java -jar} under
 * the same locale refuses at start-up with a reason instead of mangling names.
 */
class LocaleProcessTests {

	private static final Path BIN_INGEST = Path.of("bin", "ingest").toAbsolutePath();

	private static final String NAME = "Café Ünïcödé 東京.md";

	@TempDir
	Path work;

	@Test
	void nonAsciiNamesAreEnqueuedStoredAndIndexedWithoutAnyLocale() throws Exception {
		try (ChildDatabase database = ChildDatabase.h2File(this.work.resolve("data"))) {
			Path file = Files.writeString(this.work.resolve(NAME), "# Café\n\nWords under a name that is not ASCII.\n");

			Run enqueue = run(List.of(BIN_INGEST.toString(), "enqueue", file.toString()), database);
			assertThat(enqueue.exit()).as(enqueue.output()).isZero();
			Run ingest = run(List.of(BIN_INGEST.toString(), "run"), database);
			assertThat(ingest.exit()).as(ingest.output()).isZero();

			Map<String, Object> row = database.jdbc()
				.sql("SELECT status, storage_path, rag_message FROM ingestion_queue_item")
				.query()
				.singleRow();
			assertThat(row.get("STORAGE_PATH")).asString().endsWith("/" + NAME);
			assertThat(row.get("STATUS")).as("rag_message: %s", row.get("RAG_MESSAGE")).isEqualTo("indexed");
			assertThat(this.work.resolve("data/storage").resolve(row.get("STORAGE_PATH").toString())).exists();
		}
	}

	@Test
	void javaJarUnderAnAsciiLocaleRefusesAtStartUpSayingWhy() throws Exception {
		try (ChildDatabase database = ChildDatabase.h2File(this.work.resolve("data"))) {
			Run report = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
					Path.of("target", "rag-ingestor.jar").toAbsolutePath().toString(), "report"), database);

			assertThat(report.exit()).isEqualTo(2);
			assertThat(report.output()).contains("not UTF-8").contains("LC_ALL=C.UTF-8");
		}
	}

	private Run run(List<String> command, ChildDatabase database) throws IOException, InterruptedException {
		Path output = Files.createTempFile(this.work, "run", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		Map<String, String> env = builder.environment();
		env.keySet().removeIf(name -> name.equals("LANG") || name.equals("LANGUAGE") || name.startsWith("LC_"));
		env.put("LC_ALL", "C");
		env.put("INGEST_SKIP_REBUILD", "1");
		env.putAll(database.env());
		Process process = builder.start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
		}
		return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
	}

	private record Run(int exit, String output) {
	}

}
