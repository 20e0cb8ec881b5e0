package dev.ingestor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import dev.ingestor.embed.EmbeddingModelSpec;
import dev.ingestor.search.Ranking;
import dev.ingestor.search.SearchQuery;
import dev.ingestor.search.SearchResult;
import dev.ingestor.search.SearchService;
import dev.ingestor.search.SyntheticChunks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bin/ingest search-bench}: exact search latency as the chunk table grows, on generated
 * chunks in a scratch database: a throw-away H2 file, or the empty database named by
 * {@code --database} (MySQL/MariaDB). Each size is searched several times; the first search is
 * reported apart, because it reads the table from disk while the others may find it cached.
 */
@Command(name = "search-bench", mixinStandardHelpOptions = true,
		description = "Measure exact search latency at growing numbers of generated chunks.")
class SearchBenchCommand implements Callable<Integer> {

	@Option(names = "--sizes", split = ",", defaultValue = "10000,100000,1000000",
			description = "Chunk counts to measure at, ascending (default: ${DEFAULT-VALUE}).")
	long[] sizes;

	@Option(names = "--searches", defaultValue = "5", description = "Searches per size (default: ${DEFAULT-VALUE}).")
	int searches;

	@Option(names = "--database", paramLabel = "JDBC_URL",
			description = "An empty scratch database to fill (credentials from SPRING_DATASOURCE_USERNAME/_PASSWORD); "
					+ "default: a throw-away H2 file database.")
	String database;

	@Override
	public Integer call() throws Exception {
		long[] ascending = this.sizes.clone();
		Arrays.sort(ascending);
		if (this.database == null) {
			Path work = Files.createTempDirectory("rag-ingestor-search-bench");
			this.database = "jdbc:h2:file:" + work.resolve("db") + ";MODE=MySQL";
		}
		System.setProperty("spring.datasource.url", this.database);
		try (Application app = Application.start()) {
			EmbeddingModelSpec model = app.bean(EmbeddingModelSpec.class);
			SearchService search = app.bean(SearchService.class);
			int dimension = search.search(SearchQuery.of("warm up the model", 1), Ranking.VECTOR).dimension();
			SyntheticChunks chunks = new SyntheticChunks(app.bean(JdbcClient.class), app.bean(JdbcTemplate.class),
					model.name(), dimension);
			if (chunks.count() > 0) {
				System.err.println("search-bench fills a scratch database, and " + redacted(this.database) + " already holds "
						+ chunks.count() + " active chunks; point --database at an empty one");
				return ExitCodes.USAGE;
			}
			System.out.printf("exact search, %s (%d dimensions), %s, top 10, %d searches per size%n", model.name(),
					dimension, redacted(this.database), this.searches);
			System.out.printf("%10s  %10s  %9s  %9s  %9s  %9s  %8s%n", "chunks", "scanned", "first ms", "median ms",
					"max ms", "fill s", "heap MiB");
			for (long size : ascending) {
				long fillStart = System.nanoTime();
				chunks.growTo(size);
				long fillSeconds = (System.nanoTime() - fillStart) / 1_000_000_000L;
				List<Long> millis = new ArrayList<>();
				long scanned = 0;
				for (int i = 0; i < this.searches; i++) {
					SearchResult result = search.search(new SearchQuery("how do I restart after a crash", 10, null, null),
							Ranking.VECTOR);
					millis.add(result.scanMillis());
					scanned = result.rowsScanned();
				}
				List<Long> sorted = millis.stream().sorted().toList();
				System.out.printf("%,10d  %,10d  %,9d  %,9d  %,9d  %,9d  %,8d%n", size, scanned, millis.get(0),
						sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), fillSeconds, usedHeapMiB());
			}
		}
		return ExitCodes.OK;
	}

	/** The URL without anything after '?' or ';', where a password could be. */
	private static String redacted(String url) {
		int end = url.length();
		for (char separator : new char[] { '?', ';' }) {
			int at = url.indexOf(separator);
			if (at >= 0) {
				end = Math.min(end, at);
			}
		}
		return url.substring(0, end);
	}

	private static long usedHeapMiB() {
		Runtime runtime = Runtime.getRuntime();
		return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
	}

}
