package dev.ingestor.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.ingestor.job.Daemon;
import dev.ingestor.support.ChromiumBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in headless Chromium against one server for the whole class, its poller running:
 * an admin logs in, uploads a good and a bad file and follows them to their outcomes, opens the
 * run, searches, requeues the failure; a user then finds no admin control and is refused by the
 * server. The steps build on each other, hence the order. Screenshots go to target/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ingest.jwt.secret=" + ApiClient.SECRET, "server.address=127.0.0.1", "management.server.port=0",
				"ingest.poll-interval=500ms" })
@ActiveProfiles({ "daemon", "serve" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTests {

	static final String PASSWORD = "a long enough password";

	/** How long an upload may take to reach its outcome on a loaded CI machine: a ceiling, not a measure. */
	static final Duration OUTCOME = Duration.ofSeconds(120);

	@LocalServerPort
	int port;

	@Autowired
	AppUsers users;

	@Autowired
	Daemon daemon;

	@Autowired
	JdbcClient jdbc;

	ChromeDriver browser;

	Path files;

	long failedItem;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) throws Exception {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:console-" + UUID.randomUUID() + ";MODE=MySQL;DB_CLOSE_DELAY=-1");
		Path storage = Files.createTempDirectory("console-storage");
		registry.add("ingest.storage-dir", storage::toString);
	}

	@BeforeAll
	void start() throws Exception {
		ChromiumBrowser.require();
		this.users.add("alice", PASSWORD, "acme", "admin");
		this.users.add("bob", PASSWORD, "acme", "user");
		this.files = Files.createTempDirectory("console-uploads");
		this.daemon.start();
		this.browser = ChromiumBrowser.start(1280, 900);
	}

	@AfterAll
	void stop() {
		if (this.browser != null) {
			this.browser.quit();
		}
		this.daemon.stop();
	}

	@Test
	@Order(1)
	void anAdminLogsIn() {
		open("/");
		assertThat(this.browser.getCurrentUrl()).endsWith("/login");
		logIn("alice");
		assertThat(this.browser.findElement(By.cssSelector(".who")).getText()).contains("alice").contains("admin");
		assertThat(this.browser.findElements(By.cssSelector("#queue li"))).hasSizeGreaterThanOrEqualTo(5);
	}

	@Test
	@Order(2)
	void uploadsTwoFilesAndSeesOneIndexedAndOneFailedWithItsReason() throws Exception {
		Path good = Files.writeString(this.files.resolve("restart-guide.txt"), """
				Restarting after a crash: run bin/ingest --restart, or press Restart on the run's page in the
				console. The run continues where it stopped and no document is lost.""", StandardCharsets.UTF_8);
		Path bad = Files.write(this.files.resolve("broken.pdf"), "not a PDF at all".getBytes(StandardCharsets.UTF_8));
		open("/upload");

		this.browser.findElement(By.id("files")).sendKeys(good + "\n" + bad);

		wait(OUTCOME).until(page -> outcomes().size() == 2);
		WebElement indexed = row("restart-guide.txt");
		WebElement failed = row("broken.pdf");
		assertThat(indexed.getDomAttribute("data-status")).isEqualTo("indexed");
		assertThat(failed.getDomAttribute("data-status")).isEqualTo("failed");
		assertThat(failed.findElement(By.className("message")).getText()).containsIgnoringCase("PDF");
		this.failedItem = Long.parseLong(failed.findElement(By.cssSelector(".item a")).getText());
		ChromiumBrowser.screenshot(this.browser, "upload");
	}

	@Test
	@Order(3)
	void opensTheRunAndSeesItsCounters() {
		open("/items/" + this.failedItem);
		this.browser.findElement(By.cssSelector(".facts a[href^='/runs/']")).click();

		List<String> steps = this.browser.findElements(By.cssSelector("#steps tbody tr")).stream().map(WebElement::getText).toList();
		assertThat(steps).anySatisfy(step -> assertThat(step).startsWith("ingestQueuedItems COMPLETED"));
		assertThat(this.browser.findElement(By.id("log")).getText()).contains("broken.pdf");
		assertThat(this.browser.findElement(By.id("run-status")).getText()).isEqualTo("COMPLETED");
		ChromiumBrowser.screenshot(this.browser, "run");
	}

	@Test
	@Order(4)
	void theOverviewDrawsItselfAndFitsAPhone() {
		open("/");
		// The page redraws itself from its JSON: the script marks the first complete redraw.
		wait(Duration.ofSeconds(30)).until(page -> page.findElement(By.id("overview")).getDomAttribute("data-drawn") != null);
		assertThat(this.browser.findElement(By.id("failures")).getText()).contains("broken.pdf");
		assertThat(this.browser.findElement(By.cssSelector("#queue li[data-status='indexed'] .n")).getText()).isEqualTo("1");
		ChromiumBrowser.screenshot(this.browser, "overview");
		this.browser.manage().window().setSize(new Dimension(390, 844));
		try {
			wait(Duration.ofSeconds(10)).withMessage(this::widerThanTheWindow).until(page -> fitsTheWindow());
			ChromiumBrowser.screenshot(this.browser, "overview-phone");
		}
		finally {
			this.browser.manage().window().setSize(new Dimension(1280, 900));
		}
	}

	@Test
	@Order(5)
	void searchesTheDocumentsAndOpensOne() {
		open("/documents");
		this.browser.findElement(By.id("q")).sendKeys("how do I restart after a crash");
		this.browser.findElement(By.cssSelector("#search button")).click();

		WebElement first = wait(Duration.ofSeconds(60)).until(page -> page.findElements(By.cssSelector("#hits li")).stream().findFirst().orElse(null));
		assertThat(first.getText()).contains("restart-guide.txt").contains("page 1");
		first.findElement(By.tagName("a")).click();
		assertThat(this.browser.findElement(By.id("chunks")).getText()).contains("page 1").contains("bin/ingest --restart");
		ChromiumBrowser.screenshot(this.browser, "document");
	}

	@Test
	@Order(6)
	void theAdminRequeuesTheFailedItem() {
		open("/items/" + this.failedItem);
		this.browser.findElement(By.id("requeue")).click();

		wait(Duration.ofSeconds(30)).until(page -> page.findElement(By.id("log")).getText().contains("requeued by an operator"));
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM ingestion_log WHERE queue_item_id = :id AND outcome = 'failed'")
			.param("id", this.failedItem)
			.query(Long.class)
			.single()).as("the first attempt's outcome is kept").isGreaterThanOrEqualTo(1);
	}

	@Test
	@Order(7)
	void aUserFindsNoAdminControlAndIsRefusedByTheServer() {
		this.browser.findElement(By.cssSelector(".who button")).click();
		logIn("bob");
		open("/items/" + this.failedItem);

		assertThat(this.browser.findElements(By.id("requeue"))).isEmpty();
		Object status = this.browser.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				window.consoleApi.send('/v1/ingestion-items/' + arguments[0] + '/requeue', { method: 'POST' })
				  .then((result) => done(result.status + ' ' + window.consoleApi.problem(result)));""", this.failedItem);
		assertThat(String.valueOf(status)).startsWith("403");
	}

	private void logIn(String name) {
		open("/login");
		this.browser.findElement(By.id("name")).sendKeys(name);
		this.browser.findElement(By.id("password")).sendKeys(PASSWORD);
		this.browser.findElement(By.id("login")).click();
		wait(Duration.ofSeconds(30)).until(page -> page.getCurrentUrl().endsWith(":" + this.port + "/"));
	}

	/** No horizontal scrolling: the page is as wide as the window. */
	private boolean fitsTheWindow() {
		return Boolean.TRUE.equals(this.browser.executeScript(
				"return document.documentElement.scrollWidth <= window.innerWidth;"));
	}

	/** Which elements stick out, to say why the page does not fit. */
	private String widerThanTheWindow() {
		return "wider than the window: " + this.browser.executeScript("""
				return Array.from(document.querySelectorAll('body *'))
				  .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
				  .slice(0, 8).map((e) => e.tagName + '#' + e.id + '.' + e.className).join(', ');""");
	}

	private List<WebElement> outcomes() {
		return this.browser.findElements(By.cssSelector("#uploads tr[data-status='indexed'], #uploads tr[data-status='failed']"));
	}

	private WebElement row(String fileName) {
		return this.browser.findElements(By.cssSelector("#uploads tr"))
			.stream()
			.filter(tr -> tr.findElement(By.className("name")).getText().equals(fileName))
			.findFirst()
			.orElseThrow();
	}

	private void open(String path) {
		this.browser.get("http://127.0.0.1:" + this.port + path);
	}

	private WebDriverWait wait(Duration ceiling) {
		return new WebDriverWait(this.browser, ceiling);
	}

}
