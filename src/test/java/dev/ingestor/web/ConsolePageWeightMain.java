package dev.ingestor.web;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ingestor.RagIngestorApplication;
import dev.ingestor.support.ChromiumBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures the console's overview with {@code args[0]} items (default 10,000) and {@code args[1]}
 * runs (default 200) in an in-memory H2 database: bytes transferred and load times from the
 * browser's Navigation and Resource Timing, a cold load (empty cache) and warm loads. The README
 * gives the command. Not a test: figures, not assertions.
 */
public final class ConsolePageWeightMain {

	private static final int WARM_LOADS = 5;

	private ConsolePageWeightMain() {
	}

	public static void main(String[] args) throws Exception {
		int items = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		int runs = (args.length > 1) ? Integer.parseInt(args[1]) : 200;
		// System properties, not the builder's defaults: those lose to application.properties.
		Map.of("spring.datasource.url", "jdbc:h2:mem:weight-" + UUID.randomUUID() + ";MODE=MySQL;DB_CLOSE_DELAY=-1",
				"ingest.storage-dir", Files.createTempDirectory("weight-storage").toString(), "ingest.auth", "none",
				"server.port", "0", "server.address", "127.0.0.1", "management.server.port", "0")
			.forEach(System::setProperty);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(RagIngestorApplication.class)
			.profiles("daemon", "serve")
			.run();
		ChromeDriver browser = null;
		try {
			fill(context, items, runs);
			String url = "http://127.0.0.1:" + context.getBean(Environment.class).getProperty("local.server.port") + "/";
			browser = ChromiumBrowser.start(1280, 900);
			System.out.printf("overview with %,d items and %,d runs (H2 in memory, headless chromium, 1280x900)%n", items, runs);
			System.out.println("load   transferred  resources  DOMContentLoaded  load event  first redraw (JSON fetched and drawn)");
			report("cold", measure(browser, url));
			for (int i = 1; i <= WARM_LOADS; i++) {
				report("warm" + i, measure(browser, url));
			}
		}
		finally {
			if (browser != null) {
				browser.quit();
			}
			context.close();
		}
	}

	/** Runs of 2 steps each, and items spread over them with their log rows, as real runs leave them. */
	private static void fill(ConfigurableApplicationContext context, int items, int runs) throws Exception {
		JobRepository repository = context.getBean(JobRepository.class);
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		LocalDateTime start = LocalDateTime.now().minusDays(runs);
		List<Long> runIds = new ArrayList<>();
		for (int r = 0; r < runs; r++) {
			JobParameters parameters = new JobParametersBuilder().addLong("run.id", (long) r + 1).toJobParameters();
			JobInstance instance = repository.createJobInstance("ingestJob", parameters);
			JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
			LocalDateTime began = start.plusDays(r);
			execution.setStartTime(began);
			for (String name : List.of("recoverStaleItems", "ingestQueuedItems")) {
				StepExecution step = repository.createStepExecution(name, execution);
				step.setStartTime(began);
				step.setReadCount(name.startsWith("ingest") ? items / runs : 0);
				step.setWriteCount(name.startsWith("ingest") ? items / runs : 0);
				step.setStatus(BatchStatus.COMPLETED);
				step.setExitStatus(ExitStatus.COMPLETED);
				step.setEndTime(began.plusMinutes(5));
				repository.update(step);
			}
			execution.setStatus(BatchStatus.COMPLETED);
			execution.setExitStatus(ExitStatus.COMPLETED);
			execution.setEndTime(began.plusMinutes(5));
			repository.update(execution);
			runIds.add(execution.getId());
		}
		List<Object[]> nodes = new ArrayList<>();
		for (int i = 1; i <= items; i++) {
			nodes.add(new Object[] { (long) i, "doc-" + i + ".pdf" });
		}
		jdbc.batchUpdate("INSERT INTO document_node (id, name) VALUES (?, ?)", nodes);
		List<Object[]> rows = new ArrayList<>();
		List<Object[]> log = new ArrayList<>();
		for (int i = 1; i <= items; i++) {
			long run = runIds.get((i - 1) * runs / items);
			String status = (i % 25 == 0) ? "failed" : (i % 101 == 0) ? "download_failed" : "indexed";
			String message = "indexed".equals(status) ? "indexed 12 chunks from 4 pages" : "failed: truncated or damaged PDF";
			LocalDateTime ended = start.plusDays((i - 1L) * runs / items).plusMinutes(3);
			rows.add(new Object[] { (long) i, (long) i, "storage/doc-" + i + ".pdf", status, ended, ended, run, message });
			log.add(new Object[] { (long) i, run, "indexed".equals(status) ? "INFO" : "ERROR", status,
					"indexed".equals(status) ? 12 : null, message, ended });
		}
		jdbc.batchUpdate("INSERT INTO ingestion_queue_item (id, document_node_id, storage_path, status, started_at, ended_at, "
				+ "job_execution_id, rag_message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
		jdbc.batchUpdate("INSERT INTO ingestion_log (queue_item_id, job_execution_id, level, outcome, chunk_count, message, "
				+ "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", log);
	}

	private static Map<?, ?> measure(ChromeDriver browser, String url) {
		browser.get(url);
		new WebDriverWait(browser, Duration.ofSeconds(60))
			.until(page -> page.findElement(By.id("overview")).getDomAttribute("data-drawn") != null);
		return (Map<?, ?>) browser.executeScript("""
				const nav = performance.getEntriesByType('navigation')[0];
				const resources = performance.getEntriesByType('resource');
				const drawn = Number(document.getElementById('overview').dataset.drawn) - performance.timeOrigin;
				return { bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
				  count: resources.length + 1, dom: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, drawn: drawn };""");
	}

	private static void report(String label, Map<?, ?> figures) {
		System.out.printf("%-6s %8.1f KB  %9d  %13.0f ms  %7.0f ms  %9.0f ms%n", label,
				((Number) figures.get("bytes")).doubleValue() / 1024, ((Number) figures.get("count")).intValue(),
				((Number) figures.get("dom")).doubleValue(), ((Number) figures.get("load")).doubleValue(),
				((Number) figures.get("drawn")).doubleValue());
	}

}
