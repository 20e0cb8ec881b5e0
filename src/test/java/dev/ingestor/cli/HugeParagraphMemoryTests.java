package dev.ingestor.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An 8 MB CSV with no blank line is one "paragraph": it used to reach the tokenizer whole and
 * abort the JVM in native code under -Xmx256m (exit 134, no status saved). Run through the real
 * job in a child JVM with that heap, it ends {@code indexed}, or {@code failed} on a limit, and
 * the JVM lives.
 */
class HugeParagraphMemoryTests {

	@TempDir
	Path tmp;

	@Test
	void anEightMegabyteSingleParagraphCsvEndsTerminalUnder256Megabytes() throws Exception {
		MemoryCappedJob.Outcome child = MemoryCappedJob.run(this.tmp, "256m", 0, "csv:8");

		assertThat(child.ended()).as("child ended within 15 minutes; output:%n%s", child.tail()).isTrue();
		assertThat(child.exitCode()).as("child exit code; output:%n%s", child.tail()).isZero();
		assertThat(child.rows()).as("child printed the row's status; output:%n%s", child.tail()).hasSize(1);
		MemoryCappedJob.Row row = child.rows().get(0);
		assertThat(row.status()).isIn("indexed", "failed");
		if (row.status().equals("failed")) {
			assertThat(row.message()).contains("limit");
		}
		assertThat(child.peakRssKb()).isPositive();
		System.out.println("8 MB single-paragraph CSV: " + row.status() + " (" + row.message() + "), peak RSS "
				+ child.peakRssMb() + " MiB under -Xmx256m");
	}

}
