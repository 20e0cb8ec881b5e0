package dev.ingestor.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.ingestor.RagIngestorApplication;
import dev.ingestor.support.OllamaStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real command line in a child JVM with {@code INGEST_LOG_FORMAT=json} and reads its
 * stderr back as JSON lines: one line per stage transition of every item, with its fields.
 */
class StructuredLogTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dir;

	private OllamaStub ollama;

	@BeforeEach
	void startOllama() throws IOException {
		this.ollama = OllamaStub.start();
	}

	@AfterEach
	void stopOllama() {
		this.ollama.close();
	}

	@Test
	void everyStageTransitionIsOneJsonLineWithItemRunDurationAndChunks() throws Exception {
		Path good = Files.writeString(this.dir.resolve("good.md"), "# Good\n\nWords worth embedding, twice over.\n");
		Path gone = Files.writeString(this.dir.resolve("gone.txt"), "This file disappears before the run.");
		Result enqueue = ingest("enqueue", good.toString(), gone.toString());
		assertThat(enqueue.exitCode()).as(enqueue.stderr()).isZero();
		List<String[]> queued = enqueue.stdout().lines().map(line -> line.split("\t")).toList();
		long goodId = Long.parseLong(queued.get(0)[0]);
		long goneId = Long.parseLong(queued.get(1)[0]);
		Files.delete(this.dir.resolve("storage").resolve(queued.get(1)[1]));

		Result run = ingest("run");

		assertThat(run.exitCode()).as(run.stderr()).isZero();
		List<JsonNode> lines = new ArrayList<>();
		for (String line : run.stderr().lines().filter(line -> !line.isBlank()).toList()) {
			assertThat(line).as("every log line is JSON").startsWith("{");
			lines.add(JSON.readTree(line));
		}
		List<JsonNode> goodStages = stagesOf(lines, goodId);
		assertThat(goodStages).extracting(line -> line.path("stage").asString())
			.containsExactly("reserved", "extracted", "embedded", "stored");
		long runId = goodStages.get(0).path("runId").asLong();
		assertThat(runId).isPositive();
		for (JsonNode line : goodStages) {
			assertThat(line.path("runId").asLong()).isEqualTo(runId);
			assertThat(line.path("durationMs").isIntegralNumber()).as(line.toString()).isTrue();
			assertThat(line.path("durationMs").asLong()).isNotNegative();
			assertThat(line.path("chunks").isIntegralNumber()).isTrue();
			assertThat(line.path("@timestamp").asString()).isNotBlank();
			assertThat(line.path("message").asString()).startsWith("item " + goodId + " ");
		}
		assertThat(goodStages.get(2).path("chunks").asInt()).isPositive();
		assertThat(goodStages.get(3).path("chunks").asInt()).isEqualTo(goodStages.get(2).path("chunks").asInt());
		List<JsonNode> goneStages = stagesOf(lines, goneId);
		assertThat(goneStages).extracting(line -> line.path("stage").asString()).containsExactly("reserved", "failed");
		JsonNode failed = goneStages.get(1);
		assertThat(failed.path("runId").asLong()).isEqualTo(runId);
		assertThat(failed.path("log").path("level").asString()).isEqualTo("WARN");
		assertThat(failed.path("message").asString()).contains("download_failed");
		assertThat(this.ollama.calls()).isNotEmpty();
	}

	private static List<JsonNode> stagesOf(List<JsonNode> lines, long itemId) {
		return lines.stream().filter(line -> line.has("stage") && line.path("itemId").asLong() == itemId).toList();
	}

	private Result ingest(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), RagIngestorApplication.class.getName()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.dir.toFile())
			.redirectOutput(this.dir.resolve("stdout.txt").toFile())
			.redirectError(this.dir.resolve("stderr.txt").toFile());
		Map<String, String> env = builder.environment();
		env.put("INGEST_LOG_FORMAT", "json");
		env.put("INGEST_EMBEDDING", "ollama");
		env.put("INGEST_OLLAMA_URL", this.ollama.url());
		env.put("INGEST_STORAGE_DIR", this.dir.resolve("storage").toString());
		env.put("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + this.dir.resolve("db") + ";MODE=MySQL");
		Process process = builder.start();
		if (!process.waitFor(180, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("ingest " + String.join(" ", args) + " did not end within 180 s");
		}
		return new Result(process.exitValue(), read("stdout.txt"), read("stderr.txt"));
	}

	private String read(String name) throws IOException {
		return Files.readString(this.dir.resolve(name), StandardCharsets.UTF_8);
	}

	private record Result(int exitCode, String stdout, String stderr) {
	}

}
