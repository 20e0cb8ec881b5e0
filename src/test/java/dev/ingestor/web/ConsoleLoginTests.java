package dev.ingestor.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ingestor.support.H2JobTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's login, cookie, CSRF and roles over real HTTP: every admin action is asked without
 * a login, with a user's, with another tenant's and with an admin's, by cookie and by header.
 */
@IntakeServer
class ConsoleLoginTests extends H2JobTestBase {

	static final String PASSWORD = "correct horse battery";

	@LocalServerPort
	int port;

	@Autowired
	AppUsers users;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void users() {
		this.jdbc.sql("DELETE FROM ingestor_user").update();
		this.users.add("alice", PASSWORD, "acme", "admin");
		this.users.add("bob", PASSWORD, "acme", "user");
		this.users.add("gina", PASSWORD, "globex", "admin");
	}

	@Test
	void aWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() throws Exception {
		HttpResponse<String> wrong = json("/v1/auth/login", "{\"name\":\"alice\",\"password\":\"nope-nope\"}");
		HttpResponse<String> unknown = json("/v1/auth/login", "{\"name\":\"mallory\",\"password\":\"nope-nope\"}");

		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
		assertThat(unknown.body()).isEqualTo(wrong.body().replace("alice", "mallory"));
		assertThat(wrong.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith(TokenCookie.NAME));
		assertThat(form("/v1/auth/login", "name=alice&password=nope-nope").headers().firstValue("Location"))
			.hasValue("/login?error");
	}

	@Test
	void loginSetsAnHttpOnlyStrictCookieThatPagesAndTheApiAccept() throws Exception {
		HttpResponse<String> login = form("/v1/auth/login", "name=bob&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));

		assertThat(login.statusCode()).isEqualTo(303);
		assertThat(login.headers().firstValue("Location")).hasValue("/");
		String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(setCookie).startsWith(TokenCookie.NAME + "=").contains("HttpOnly").contains("SameSite=Strict");
		String cookie = setCookie.substring(0, setCookie.indexOf(';'));

		assertThat(get("/", null).statusCode()).isEqualTo(302);
		assertThat(get("/", null).headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
		HttpResponse<String> overview = get("/", cookie);
		assertThat(overview.statusCode()).isEqualTo(200);
		assertThat(overview.body()).contains("bob").contains("acme");
		assertThat(get("/v1/console/overview", null).statusCode()).isEqualTo(401);
		assertThat(get("/v1/console/overview", cookie).statusCode()).isEqualTo(200);
		for (String page : new String[] { "/runs", "/items", "/documents", "/upload" }) {
			assertThat(get(page, null).statusCode()).as(page + " without a login").isEqualTo(302);
			assertThat(get(page, cookie).statusCode()).as(page).isEqualTo(200);
		}
		assertThat(get("/v1/ingestion-items", cookie).statusCode()).isEqualTo(200);
		assertThat(get("/v1/ingestion-items", "INGEST_TOKEN=forged.token.value").statusCode()).isEqualTo(401);
	}

	@Test
	void requeueNeedsAnAdminOfTheTenantAndTheCsrfTokenWhenTheCookieAuthenticates() throws Exception {
		long failed = failedItemOfAcme();
		String alice = login("alice");
		String bob = login("bob");
		String gina = login("gina");
		String path = "/v1/ingestion-items/" + failed + "/requeue";

		assertThat(post(path, null, null).statusCode()).isEqualTo(401);
		assertThat(post(path, alice, null).statusCode()).as("cookie without the CSRF token").isEqualTo(403);
		HttpResponse<String> asUser = post(path, bob, csrf(bob));
		assertThat(asUser.statusCode()).isEqualTo(403);
		assertThat(asUser.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
		assertThat(post(path, gina, csrf(gina)).statusCode()).as("another tenant's item").isEqualTo(404);
		assertThat(this.queue.row(failed).status()).isEqualTo("failed");

		HttpResponse<String> asAdmin = post(path, alice, csrf(alice));

		assertThat(asAdmin.statusCode()).isEqualTo(200);
		assertThat(this.queue.row(failed).status()).isEqualTo("queued");
		assertThat(this.queue.logMessages(failed)).anySatisfy(message -> assertThat(message).startsWith("requeued by an operator"))
			.anySatisfy(message -> assertThat(message).doesNotStartWith("requeued"));
		assertThat(post(path, alice, csrf(alice)).statusCode()).as("queued now: nothing to requeue").isEqualTo(409);
	}

	@Test
	void aBearerHeaderNeedsNoCsrfToken() throws Exception {
		long failed = failedItemOfAcme();
		HttpRequest request = HttpRequest.newBuilder(uri("/v1/ingestion-items/" + failed + "/requeue"))
			.header("Authorization", "Bearer " + ApiClient.token("acme", "admin"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();

		assertThat(this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
	}

	@Test
	void adminControlsAreAbsentForUsersAndRunActionsRefusedToThem() throws Exception {
		long failed = failedItemOfAcme();
		String bob = login("bob");
		String alice = login("alice");
		long run = this.jdbc.sql("SELECT MAX(job_execution_id) FROM BATCH_JOB_EXECUTION").query(Long.class).single();

		assertThat(get("/items/" + failed, bob).body()).doesNotContain("id=\"requeue\"");
		assertThat(get("/items/" + failed, alice).body()).contains("id=\"requeue\"");
		assertThat(get("/items/" + failed, login("gina")).statusCode()).isEqualTo(404);
		assertThat(post("/v1/runs/" + run + "/restart", bob, csrf(bob)).statusCode()).isEqualTo(403);
		assertThat(post("/v1/runs/" + run + "/stop", bob, csrf(bob)).statusCode()).isEqualTo(403);
		assertThat(post("/v1/runs/" + run + "/restart", alice, csrf(alice)).statusCode()).as("COMPLETED").isEqualTo(409);
		assertThat(post("/v1/runs/" + run + "/stop", alice, csrf(alice)).statusCode()).as("not running").isEqualTo(409);
		assertThat(post("/v1/runs/999999/stop", alice, csrf(alice)).statusCode()).isEqualTo(404);
		assertThat(get("/items?status=failed&path=bad.p&from=2000-01-01T00:00", bob).body()).contains("bad.pdf");
		assertThat(get("/items?status=failed&path=good", bob).body()).doesNotContain("bad.pdf");
		assertThat(get("/items?status=indexed", bob).body()).doesNotContain("bad.pdf");
		assertThat(get("/items", login("gina")).body()).as("another tenant's items").doesNotContain("bad.pdf");
		assertThat(get("/v1/console/overview", bob).body()).contains("\"failed\":1").contains("bad.pdf");
		assertThat(get("/v1/console/overview", login("gina")).body()).as("another tenant's queue and failures")
			.contains("\"failed\":0")
			.doesNotContain("bad.pdf");
		HttpResponse<String> runPage = get("/runs/" + run, alice);
		assertThat(runPage.statusCode()).isEqualTo(200);
		assertThat(runPage.body()).contains("ingestQueuedItems").contains("bad.pdf");
	}

	@Test
	void anAdminRestartsTheLastRunOnceItIsStoppedThroughTheRestartPath() throws Exception {
		failedItemOfAcme();
		long run = this.jdbc.sql("SELECT MAX(job_execution_id) FROM BATCH_JOB_EXECUTION").query(Long.class).single();
		// As a signal leaves it: the run ended STOPPED.
		this.jdbc.sql("UPDATE BATCH_JOB_EXECUTION SET status = 'STOPPED', exit_code = 'STOPPED' WHERE job_execution_id = :id")
			.param("id", run)
			.update();
		String alice = login("alice");
		assertThat(get("/runs/" + run, alice).body()).contains("id=\"restart\"");
		assertThat(get("/runs/" + run, login("bob")).body()).doesNotContain("id=\"restart\"");

		HttpResponse<String> restart = post("/v1/runs/" + run + "/restart", alice, csrf(alice));

		assertThat(restart.statusCode()).isEqualTo(202);
		// The restart runs in the background: wait (with a ceiling) for the instance's second execution to end.
		long instance = this.jdbc.sql("SELECT job_instance_id FROM BATCH_JOB_EXECUTION WHERE job_execution_id = :id")
			.param("id", run)
			.query(Long.class)
			.single();
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
		while (ended(instance) < 2 && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(ended(instance)).as("the stopped instance was restarted (JobOperator.restart), not a new one started")
			.isEqualTo(2);
	}

	private long ended(long instance) {
		return this.jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE job_instance_id = :id AND end_time IS NOT NULL")
			.param("id", instance)
			.query(Long.class)
			.single();
	}

	@Test
	void logoutClearsTheCookie() throws Exception {
		String bob = login("bob");

		HttpResponse<String> logout = post("/v1/auth/logout", bob, csrf(bob));

		assertThat(logout.statusCode()).isEqualTo(303);
		assertThat(logout.headers().firstValue("Set-Cookie")).hasValueSatisfying(
				cookie -> assertThat(cookie).startsWith(TokenCookie.NAME + "=;").contains("Max-Age=0"));
	}

	/** An upload of acme's that cannot be read, run to its outcome. */
	private long failedItemOfAcme() throws Exception {
		ApiClient.Response upload = new ApiClient(this.port).upload(ApiClient.token("acme", "user"), "bad.pdf",
				"this is not a PDF".getBytes(StandardCharsets.UTF_8));
		assertThat(upload.status()).isEqualTo(202);
		this.jobOperatorTestUtils.startJob();
		long id = upload.longField("itemId");
		assertThat(this.queue.row(id).status()).isEqualTo("failed");
		return id;
	}

	/** The login cookie ("NAME=value") of a user. */
	private String login(String name) throws Exception {
		HttpResponse<String> login = json("/v1/auth/login", "{\"name\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");
		assertThat(login.statusCode()).isEqualTo(204);
		String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
		return setCookie.substring(0, setCookie.indexOf(';'));
	}

	/** The XSRF-TOKEN cookie a console page sets, as the page's script reads it. */
	private String csrf(String cookie) throws Exception {
		HttpResponse<String> page = get("/upload", cookie);
		Matcher token = Pattern.compile("XSRF-TOKEN=([^;]+)").matcher(String.join("\n", page.headers().allValues("Set-Cookie")));
		assertThat(token.find()).as("the page sets the CSRF cookie").isTrue();
		return token.group(1);
	}

	private HttpResponse<String> post(String path, String cookie, String csrf) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
		List<String> cookies = new java.util.ArrayList<>();
		if (cookie != null) {
			cookies.add(cookie);
		}
		if (csrf != null) {
			cookies.add("XSRF-TOKEN=" + csrf);
			request.header("X-XSRF-TOKEN", csrf);
		}
		if (!cookies.isEmpty()) {
			request.header("Cookie", String.join("; ", cookies));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path, String cookie) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> json(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> form(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
