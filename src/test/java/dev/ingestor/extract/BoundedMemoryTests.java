package dev.ingestor.extract;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 2,000-page PDF is extracted and split in a child JVM capped at -Xmx512m: the test JVM's
 * own heap says nothing, so the limit is applied to a process of its own.
 */
class BoundedMemoryTests {

	private static final Pattern RESULT = Pattern.compile("pages=(\\d+) chunks=(\\d+) peakHeapMb=(\\d+)");

	@TempDir
	Path tmp;

	@Test
	void twoThousandPagePdfIsExtractedAndSplitUnder512Megabytes() throws Exception {
		Path pdf = this.tmp.resolve("big.pdf");
		Path output = this.tmp.resolve("child.out");
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + this.tmp, "-cp",
				System.getProperty("java.class.path"), BigPdfMain.class.getName(), pdf.toString(), "2000")
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
		assertThat(result.find()).as("child printed its counts; output:%n%s", out).isTrue();
		assertThat(Integer.parseInt(result.group(1))).isEqualTo(2000);
		// 20 lines of about 20 tokens per page do not fit in fewer than 2000 * 400 / 126 chunks.
		assertThat(Integer.parseInt(result.group(2))).isGreaterThanOrEqualTo(2000 * 400 / 126);
		assertThat(Long.parseLong(result.group(3))).isLessThanOrEqualTo(512);
		assertThat(Files.size(pdf)).as("a PDF of real size, not a stub").isGreaterThan(256 * 1024);
	}

}
