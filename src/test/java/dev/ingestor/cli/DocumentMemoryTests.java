package dev.ingestor.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document's chunks and vectors are written in bounded batches, never all held at once
 * (issue 10 point 3, issue 11 point 6). The real job runs in a child JVM under a heap cap with an
 * Ollama-speaking server that answers at once with 768-dimension vectors.
 */
class DocumentMemoryTests {

	@TempDir
	Path tmp;

	/**
	 * Just under the default INGEST_MAX_CHARS, in 128-token chunks: some 40,000 chunks whose
	 * vectors alone (768 floats each) take over 100 MB. Held together with their texts, they
	 * exhausted a 256 MB heap.
	 */
	@Test
	void aTwentyMillionCharacterDocumentIsIndexedUnder256Megabytes() throws Exception {
		MemoryCappedJob.Outcome child = MemoryCappedJob.run(this.tmp, "256m", 128, "text:19990000");

		assertThat(child.ended()).as("child ended; output:%n%s", child.tail()).isTrue();
		assertThat(child.exitCode()).as("child exit code; output:%n%s", child.tail()).isZero();
		assertThat(child.rows()).as("child printed the row; output:%n%s", child.tail()).hasSize(1);
		MemoryCappedJob.Row row = child.rows().get(0);
		assertThat(row.status()).as(row.message()).isEqualTo("indexed");
		assertThat(row.message()).matches("indexed \\d{5,} chunks from 1 page");
		System.out.println("20-million-character document: " + row.message() + ", peak RSS " + child.peakRssMb()
				+ " MiB under -Xmx256m");
	}

	@Test
	void aTwoThousandPagePdfAmongOtherDocumentsIsIndexedUnder512MegabytesWithDefaultConcurrency() throws Exception {
		MemoryCappedJob.Outcome child = MemoryCappedJob.run(this.tmp, "512m", 0, "pdf:2000", "pdf:40", "text:2000000",
				"pdf:300", "csv:2", "pdf:5");

		assertThat(child.ended()).as("child ended; output:%n%s", child.tail()).isTrue();
		assertThat(child.exitCode()).as("child exit code; output:%n%s", child.tail()).isZero();
		assertThat(child.rows()).as("child printed every row; output:%n%s", child.tail()).hasSize(6);
		assertThat(child.rows()).allSatisfy(row -> assertThat(row.status()).as(row.message()).isEqualTo("indexed"));
		assertThat(child.rows().get(0).message()).endsWith("from 2000 pages");
		System.out.println("2,000-page PDF among 5 other documents: " + child.rows().get(0).message() + ", peak RSS "
				+ child.peakRssMb() + " MiB under -Xmx512m");
	}

}
