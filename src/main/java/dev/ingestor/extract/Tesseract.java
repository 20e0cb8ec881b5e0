package dev.ingestor.extract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.ingestor.config.IngestProperties;

/**
 * The {@code tesseract} command, run once per image with its output in a temporary file. Never
 * waited for past the extraction's deadline: a page that takes longer is killed and the document
 * fails on the time limit.
 */
final class Tesseract {

	private final IngestProperties.OcrMode mode;

	private final String command;

	private final String languages;

	private volatile Boolean available;

	Tesseract(IngestProperties properties) {
		this.mode = properties.ocr();
		this.command = properties.ocrCommand();
		this.languages = properties.ocrLanguages();
	}

	IngestProperties.OcrMode mode() {
		return this.mode;
	}

	/** Whether OCR is switched on and the command answers; asked once per process. */
	boolean enabled() {
		if (this.mode == IngestProperties.OcrMode.OFF) {
			return false;
		}
		if (this.available == null) {
			this.available = probe();
		}
		return this.available;
	}

	/** Why a scanned page could not be read, and how to make it readable. */
	String howToEnable() {
		return (this.mode == IngestProperties.OcrMode.OFF) ? "OCR is off: set INGEST_OCR=auto to read it"
				: "'" + this.command + "' was not found: install tesseract-ocr to read it";
	}

	/** The text tesseract reads in one image file, within the budget's remaining time. */
	String read(Path image, ExtractionBudget budget, String what) throws IOException {
		Path output = Files.createTempFile("ocr-", ".txt");
		Path errors = Files.createTempFile("ocr-", ".err");
		try {
			ProcessBuilder builder = new ProcessBuilder(this.command, image.toString(), "stdout", "-l", this.languages)
				.redirectOutput(output.toFile())
				.redirectError(errors.toFile());
			// Documents already run in parallel (INGEST_CONCURRENCY); tesseract's own OpenMP
			// threads on top of that only contend for the same cores.
			builder.environment().put("OMP_THREAD_LIMIT", "1");
			Process process = builder.start();
			boolean ended;
			try {
				ended = process.waitFor(Math.max(1, budget.remaining().toMillis()), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
				throw new IOException("interrupted during OCR of " + what, ex);
			}
			if (!ended) {
				process.destroyForcibly();
				throw budget.overTime("OCR of " + what);
			}
			if (process.exitValue() != 0) {
				throw new IOException("tesseract failed on " + what + " (exit " + process.exitValue() + "): "
						+ Files.readString(errors, StandardCharsets.UTF_8).strip());
			}
			return Files.readString(output, StandardCharsets.UTF_8);
		}
		finally {
			Files.deleteIfExists(output);
			Files.deleteIfExists(errors);
		}
	}

	private boolean probe() {
		try {
			Process process = new ProcessBuilder(this.command, "--version").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return false;
			}
			return process.exitValue() == 0;
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
