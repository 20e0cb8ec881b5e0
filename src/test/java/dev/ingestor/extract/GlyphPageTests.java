package dev.ingestor.extract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.source.SourceFile;
import dev.ingestor.support.SteppingClock;
import dev.ingestor.support.TestPdfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A page of millions of glyphs in a file of a few KB: the limits hold inside the page, and a
 * child JVM capped at -Xmx256m reads it without dying.
 */
class GlyphPageTests {

	private static final Pattern RESULT = Pattern.compile("bytes=(\\d+) peakRssKb=(\\d+) outcome=(.*)");

	@TempDir
	Path tmp;

	@Test
	void threeMillionGlyphPageIsExtractedUnder256MegabytesOfHeap() throws Exception {
		Matcher result = runChild("20000000");

		assertThat(Long.parseLong(result.group(1))).as("a small file").isLessThan(64 * 1024);
		assertThat(result.group(3)).startsWith("extracted chars=");
		// The stripper drops some separators between slices; nearly every glyph must be there.
		assertThat(Integer.parseInt(result.group(3).substring("extracted chars=".length())))
			.isGreaterThan(2_900_000);
	}

	@Test
	void characterLimitStopsInsideThePageUnder256MegabytesOfHeap() throws Exception {
		Matcher result = runChild("1000000");

		assertThat(result.group(3))
			.isEqualTo("limit: document text is over the character limit of 1000000 (stopped inside page 1)");
	}

	@Test
	void timeLimitStopsInsideThePage() throws IOException {
		Path pdf = TestPdfs.glyphPage(this.tmp.resolve("glyphs.pdf"), 100_000);
		IngestProperties limits = new Binder(new MapConfigurationPropertySource(Map.of("ingest.storage-dir",
				this.tmp.toString(), "ingest.extraction-timeout", "5m")))
			.bindOrCreate("ingest", IngestProperties.class);
		Extraction extraction = new Extraction(List.of(new PdfExtractor()), limits, new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(1)));

		assertThatExceptionOfType(LimitExceededException.class)
			.isThrownBy(() -> extraction.extract(1, new SourceFile(pdf, Files.size(pdf), "unused")))
			.withMessage("extraction took longer than the time limit of 5m (stopped inside page 1)");
	}

	private Matcher runChild(String maxChars) throws IOException, InterruptedException {
		Path output = this.tmp.resolve("child-" + maxChars + ".out");
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + this.tmp, "-cp",
				System.getProperty("java.class.path"), GlyphPageMain.class.getName(),
				this.tmp.resolve("glyphs.pdf").toString(), "3000000", maxChars)
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		boolean ended = child.waitFor(5, TimeUnit.MINUTES);
		if (!ended) {
			child.destroyForcibly();
		}
		String out = Files.readString(output, StandardCharsets.UTF_8);
		assertThat(ended).as("child ended within 5 minutes; output:%n%s", out).isTrue();
		assertThat(child.exitValue()).as("child exit code; output:%n%s", out).isZero();
		Matcher result = RESULT.matcher(out);
		assertThat(result.find()).as("child printed its outcome; output:%n%s", out).isTrue();
		System.err.println("GlyphPageTests max-chars=" + maxChars + ": " + result.group());
		return result;
	}

}
