package dev.ingestor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** For {@code bench}: the figures of one run, printed with their ratios. */
final class BenchReport {

	BenchStages.Extracted extract;

	BenchStages.Split split126;

	BenchStages.Split split512;

	BenchQueue.Timed embeddedJob;

	/** The job on other PDFs that ran first, JIT cold, and the floor of its chunks; 0 PDFs when there were none. */
	int warmUpPdfs;

	BenchQueue.Timed warmUpJob;

	double warmUpFloorSeconds;

	long chunks;

	double coverage;

	double floorSeconds;

	BenchQueue.Timed pdfUnchanged;

	int pdfsEdited;

	BenchQueue.Timed pdfChanged;

	int smallDocs;

	/** (b) on the first small documents this process ingests on MySQL: the JIT still compiling. */
	BenchQueue.Timed coldFirst;

	BenchQueue.Timed first;

	BenchQueue.Timed unchanged;

	int edited;

	BenchQueue.Timed changed;

	int pdfs;

	BenchStages.Extracted pdfExtraction;

	BenchQueue.Timed pdfJob;

	/** (b) docs/s per commit interval, one figure per round; empty unless asked for. */
	Map<Integer, List<Double>> commitIntervals = Map.of();

	void print(long peakHeapMiB, String peakRss) {
		if (this.extract != null) {
			printPdfs();
		}
		if (this.first != null) {
			printSmallDocuments();
		}
		if (this.pdfJob != null) {
			System.out.printf("(f) %d real PDFs, MySQL, instant Ollama: job %.1f s vs extraction alone %.1f s = %.2f x (%d pages; %s)%n",
					this.pdfs, this.pdfJob.seconds(), this.pdfExtraction.seconds(),
					this.pdfJob.seconds() / this.pdfExtraction.seconds(), this.pdfExtraction.pages(), this.pdfJob.outcome());
		}
		this.commitIntervals.forEach((interval, rounds) -> System.out.printf(
				"(b) at INGEST_COMMIT_INTERVAL %3d: %s docs/s (%d small documents, fresh context and database each)%n",
				interval, rounds.stream().map(r -> String.format("%.1f", r)).collect(Collectors.joining(" / ")),
				this.smallDocs));
		System.out.printf("peak heap %d MiB, peak RSS %s%n", peakHeapMiB, peakRss);
	}

	private void printPdfs() {
		int docs = this.extract.documents().size();
		System.out.printf("(e) extract   %8.1f pages/s   (%d PDFs, %d pages, %.2f s, one thread; %d refused)%n",
				this.extract.pages() / this.extract.seconds(), docs, this.extract.pages(), this.extract.seconds(),
				this.extract.refused());
		for (BenchStages.Split split : new BenchStages.Split[] { this.split126, this.split512 }) {
			System.out.printf("(e) split %3d %8.1f chunks/s  (%d chunks, %.2f s, one thread; %.2f x extraction time)%n",
					split.maxTokens(), split.chunks() / split.seconds(), split.chunks(), split.seconds(),
					split.seconds() / this.extract.seconds());
		}
		System.out.printf("(a) embedded default: job %.1f s vs model floor %.1f s = %.2f x (%d PDFs, %d chunks, %s);"
				+ " extracted text embedded: %.1f%%%n", this.embeddedJob.seconds(), this.floorSeconds,
				this.embeddedJob.seconds() / this.floorSeconds, docs, this.chunks, this.embeddedJob.outcome(),
				100 * this.coverage);
		if (this.warmUpPdfs > 0) {
			System.out.printf("(a) the job before it, the first of this process (JIT cold), on %d other PDFs: %.1f s vs floor %.1f s = %.2f x%n",
					this.warmUpPdfs, this.warmUpJob.seconds(), this.warmUpFloorSeconds,
					this.warmUpJob.seconds() / this.warmUpFloorSeconds);
		}
		System.out.printf("(c) PDFs, embedded default, re-ingest unchanged: %.2f s = %.1f%% of the first ingest (%s)%n",
				this.pdfUnchanged.seconds(), 100 * this.pdfUnchanged.seconds() / this.embeddedJob.seconds(),
				this.pdfUnchanged.outcome());
		System.out.printf("(d) PDFs, embedded default, re-ingest, %d of %d given a page with a new paragraph: %.2f s = %.1f%% of the first ingest (%s)%n",
				this.pdfsEdited, docs, this.pdfChanged.seconds(), 100 * this.pdfChanged.seconds() / this.embeddedJob.seconds(),
				this.pdfChanged.outcome());
	}

	private void printSmallDocuments() {
		System.out.printf("(b) MySQL, instant Ollama: %.1f docs/s (%d small documents, %.2f s, %s);"
				+ " the %d before them, the first on MySQL in this process (JIT cold): %.1f docs/s%n",
				this.smallDocs / this.first.seconds(), this.smallDocs, this.first.seconds(), this.first.outcome(),
				this.smallDocs, this.smallDocs / this.coldFirst.seconds());
		System.out.printf("(c) small docs, MySQL, instant Ollama, re-ingest unchanged: %.2f s = %.1f%% of the first ingest (%s)%n", this.unchanged.seconds(),
				100 * this.unchanged.seconds() / this.first.seconds(), this.unchanged.outcome());
		System.out.printf("(d) small docs, MySQL, instant Ollama, re-ingest, %d of %d edited (a paragraph each): %.2f s = %.1f%% of the first ingest (%s)%n", this.edited,
				this.smallDocs, this.changed.seconds(), 100 * this.changed.seconds() / this.first.seconds(),
				this.changed.outcome());
	}

	static String peakRss() throws IOException {
		Path status = Path.of("/proc/self/status");
		if (!Files.exists(status)) {
			return "n/a";
		}
		return Files.readAllLines(status)
			.stream()
			.filter(l -> l.startsWith("VmHWM"))
			.map(l -> l.replaceAll("VmHWM:\\s+", ""))
			.findFirst()
			.orElse("n/a");
	}

}
