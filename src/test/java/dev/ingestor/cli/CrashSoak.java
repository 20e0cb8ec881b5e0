package dev.ingestor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import dev.ingestor.support.ChildDatabase;
import dev.ingestor.support.IngestProcess;
import dev.ingestor.support.OllamaStub;
import dev.ingestor.support.QueueFixture;

/**
 * {@code bin/crash-soak}: queues many documents, kills the packaged worker with SIGKILL at random
 * moments, restarting it after each kill (alternately {@code --restart} and {@code run}), then lets
 * it finish and prints how many rows were lost, duplicated or stuck. All three must be 0. Not
 * part of {@code mvn verify}: it takes minutes.
 *
 * <p>Options: {@code --documents N} (200), {@code --kills K} (10), {@code --max-delay-ms M}
 * (8000: a kill lands between 0 and M ms after the job started), {@code --seed S},
 * {@code --mysql} (a throw-away database on the machine's MariaDB instead of an H2 file).
 */
public final class CrashSoak {

	private CrashSoak() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = parse(args);
		int documents = Integer.parseInt(options.getOrDefault("documents", "200"));
		int kills = Integer.parseInt(options.getOrDefault("kills", "10"));
		int maxDelay = Integer.parseInt(options.getOrDefault("max-delay-ms", "8000"));
		long seed = Long.parseLong(options.getOrDefault("seed", String.valueOf(System.nanoTime())));
		Random random = new Random(seed);
		Path work = Files.createTempDirectory("crash-soak");
		long started = System.nanoTime();
		System.out.printf("crash-soak: %d documents, %d kills, seed %d, work dir %s%n", documents, kills, seed, work);
		try (OllamaStub ollama = OllamaStub.start().delayEachAnswer(Duration.ofMillis(30));
				ChildDatabase database = options.containsKey("mysql") ? ChildDatabase.mysql("soak")
						: ChildDatabase.h2File(work.resolve("db"))) {
			QueueFixture queue = new QueueFixture(database.jdbc(), work.resolve("storage"));
			for (int i = 0; i < documents; i++) {
				queue.queueNew(queue.writeText("soak/doc-" + i + ".txt", text(i)));
			}
			Map<String, String> env = env(database, queue, ollama);
			int done = 0;
			for (int kill = 1; kill <= kills; kill++) {
				String command = (kill % 2 == 0) ? "--restart" : "run";
				try (IngestProcess worker = IngestProcess.start(work, env, command)) {
					if (!awaitStart(worker)) {
						int exit = worker.awaitExit(Duration.ofMinutes(1));
						if (exit != ExitCodes.LOCKED) {
							System.out.printf("launch %-9s exited %d without a job; the queue is done after %d kill(s)%n",
									command, exit, kill - 1);
							break;
						}
						System.out.printf("kill %2d: %-9s skipped: the dead run's lease has not lapsed yet%n", kill, command);
						kill--;
						continue;
					}
					int delay = random.nextInt(maxDelay + 1);
					IngestProcess.pause(delay);
					boolean alive = worker.isAlive();
					worker.kill9();
					done = (int) database.count("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'indexed'");
					System.out.printf("kill %2d: %-9s %s %4d ms after the job started; %d/%d indexed so far%n", kill,
							command, alive ? "killed" : "had ended", delay, done, documents);
				}
			}
			int finals = finish(work, env, database);
			long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
			long lost = database.count("SELECT COUNT(*) FROM ingestion_queue_item WHERE status <> 'indexed'")
					+ database.count("""
							SELECT COUNT(*) FROM ingestion_queue_item q WHERE q.status = 'indexed' AND NOT EXISTS
							  (SELECT 1 FROM document_version v WHERE v.document_node_id = q.document_node_id
							   AND v.is_active = TRUE AND v.chunk_count = (SELECT COUNT(*) FROM document_chunk c
							   WHERE c.document_version_id = v.id AND c.is_active = TRUE))""");
			long duplicated = database.count("""
					SELECT COUNT(*) FROM (SELECT document_node_id FROM document_version GROUP BY document_node_id
					HAVING COUNT(*) > 1) d""")
					+ database.count("""
							SELECT COUNT(*) FROM (SELECT document_version_id, chunk_index FROM document_chunk
							GROUP BY document_version_id, chunk_index HAVING COUNT(*) > 1) d""");
			long stuck = database.count("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'processing'")
					+ database.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING')");
			long recovered = database.count(
					"SELECT COUNT(*) FROM ingestion_log WHERE message LIKE 'recovered after an interrupted run%'");
			System.out.printf("finished after %d more launch(es); %d rows recovered after a kill; wall time %d s%n", finals,
					recovered, seconds);
			System.out.printf("lost=%d duplicated=%d stuck=%d%n", lost, duplicated, stuck);
			System.exit((lost + duplicated + stuck == 0) ? 0 : 1);
		}
	}

	private static boolean awaitStart(IngestProcess worker) {
		try {
			worker.awaitOutput("job execution \\d+ started", Duration.ofMinutes(1));
			return true;
		}
		catch (IllegalStateException ex) {
			if (worker.isAlive()) {
				throw ex;
			}
			return false;
		}
	}

	/** Plain runs until one ends 0 with nothing left; a launch that meets the dead run's lease exits 3. */
	private static int finish(Path work, Map<String, String> env, ChildDatabase database) {
		for (int launch = 1; launch <= 10; launch++) {
			try (IngestProcess worker = IngestProcess.start(work, env, "run")) {
				int exit = worker.awaitExit(Duration.ofMinutes(10));
				if (exit == 0 && database.count(
						"SELECT COUNT(*) FROM ingestion_queue_item WHERE status IN ('queued', 'processing')") == 0) {
					return launch;
				}
			}
		}
		return -1;
	}

	private static Map<String, String> env(ChildDatabase database, QueueFixture queue, OllamaStub ollama) {
		Map<String, String> env = new LinkedHashMap<>(database.env());
		env.put("INGEST_STORAGE_DIR", queue.storage().toString());
		env.put("INGEST_EMBEDDING", "ollama");
		env.put("INGEST_OLLAMA_URL", ollama.url());
		env.put("INGEST_EMBEDDING_BATCH_SIZE", "2");
		env.put("INGEST_MAX_CHUNK_TOKENS", "40");
		env.put("INGEST_CHUNK_OVERLAP_TOKENS", "8");
		env.put("INGEST_LOCK_LEASE", "3s");
		// A row hit by several kills must come back, not be given up: the soak counts that as lost.
		env.put("INGEST_MAX_ATTEMPTS", "1000");
		return env;
	}

	private static String text(int i) {
		StringBuilder text = new StringBuilder();
		for (int p = 0; p < 4; p++) {
			text.append("Soak document ").append(i).append(", paragraph ").append(p)
				.append(": the worker is killed at random and must neither lose nor duplicate this text.\n\n");
		}
		return text.toString();
	}

	private static Map<String, String> parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String name = args[i].replaceFirst("^--", "");
			boolean flag = (i + 1 >= args.length) || args[i + 1].startsWith("--");
			options.put(name, flag ? "true" : args[++i]);
		}
		return options;
	}

}
