package dev.ingestor.support;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * OCR tests need the real {@code tesseract}: in CI ({@code CI=true}, where {@code .ci/run}
 * installs it) its absence fails them; on a laptop without it they skip with a message.
 */
public final class TesseractRequirement {

	private TesseractRequirement() {
	}

	public static void require() {
		if (installed()) {
			return;
		}
		String message = "tesseract is not on the PATH: install tesseract-ocr (apt-get install tesseract-ocr)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail(message);
		}
		Assumptions.abort(message);
	}

	private static boolean installed() {
		try {
			Process process = new ProcessBuilder("tesseract", "--version").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
