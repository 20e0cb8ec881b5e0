package dev.ingestor.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's headless {@code chromium} driven through its {@code chromedriver}, both named by path
 * so that Selenium Manager never downloads a browser or a driver. In CI ({@code CI=true}, where
 * {@code .ci/run} installs them) their absence fails the test; elsewhere it skips with a message.
 */
public final class ChromiumBrowser {

	public static final Path BINARY = Path.of("/usr/bin/chromium");

	public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private ChromiumBrowser() {
	}

	public static void require() {
		if (Files.isExecutable(BINARY) && Files.isExecutable(DRIVER)) {
			return;
		}
		String message = BINARY + " or " + DRIVER + " is missing: apt-get install chromium chromium-driver";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail(message);
		}
		Assumptions.abort(message);
	}

	/** A fresh browser (own profile directory) with a window of this size. */
	public static ChromeDriver start(int width, int height) {
		require();
		try {
			Path profile = Files.createTempDirectory("chromium-profile");
			ChromeOptions options = new ChromeOptions().setBinary(BINARY.toFile())
				.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
						"--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
						"--user-data-dir=" + profile, "--window-size=" + width + "," + height);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
				.usingAnyFreePort()
				.build();
			return new ChromeDriver(service, options);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Saves what the browser shows as a PNG under {@code target/console-screenshots/}. */
	public static Path screenshot(ChromeDriver driver, String name) {
		try {
			Path dir = Files.createDirectories(Path.of("target", "console-screenshots"));
			File shot = driver.getScreenshotAs(OutputType.FILE);
			return Files.copy(shot.toPath(), dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
