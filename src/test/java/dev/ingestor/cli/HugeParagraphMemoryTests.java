package dev.ingestor.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ingestor.support.OllamaStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An 8 MB CSV with no blank line is one "paragraph": it used to reach the tokenizer whole and
 * abort the JVM in native code under -Xmx256m (exit 134, no status saved). Run through the real
 * job in a child JVM with that heap, it ends {@code indexed}, or {@code failed} on a limit, and
 * the JVM lives. The Ollama-speaking server runs here, so its call log does not count.
 */
class HugeParagraphMemoryTests {

	private static final Pattern RESULT = Pattern.compile("outcome=(\\S+) status=(\\S+) message=(.*)");

	private static final Pattern RSS = Pattern.compile("peakRssKb=(\\d+)");

	@TempDir
	Path tmp;

	@Test
	void anEightMegabyteSingleParagraphCsvEndsTerminalUnder256Megabytes() throws Exception {
		Path output = this.tmp.resolve("child.out");
		Process child;
		boolean ended;
		try (OllamaStub ollama = OllamaStub.start()) {
			child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
					"-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + this.tmp, "-cp",
					System.getProperty("java.class.path"), HugeParagraphMain.class.getName(), this.tmp.toString(), "8",
					ollama.url())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			ended = child.waitFor(10, TimeUnit.MINUTES);
			if (!ended) {
				child.destroyForcibly();
			}
		}
		String out = Files.readString(output, StandardCharsets.UTF_8);
		assertThat(ended).as("child ended within 10 minutes; output:%n%s", tail(out)).isTrue();
		assertThat(child.exitValue()).as("child exit code; output:%n%s", tail(out)).isZero();
		Matcher result = RESULT.matcher(out);
		assertThat(result.find()).as("child printed the row's status; output:%n%s", tail(out)).isTrue();
		assertThat(result.group(2)).isIn("indexed", "failed");
		if (result.group(2).equals("failed")) {
			assertThat(result.group(3)).contains("limit");
		}
		Matcher rss = RSS.matcher(out);
		assertThat(rss.find()).isTrue();
		System.out.println("8 MB single-paragraph CSV: " + result.group(2) + " (" + result.group(3) + "), peak RSS "
				+ Long.parseLong(rss.group(1)) / 1024 + " MiB under -Xmx256m");
	}

	private static String tail(String out) {
		return out.substring(Math.max(0, out.length() - 4000));
	}

}
