package dev.ingestor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.ingestor.IngestException;
import dev.ingestor.extract.ExtractedDocument;
import dev.ingestor.extract.Extraction;
import dev.ingestor.extract.Page;
import dev.ingestor.source.SourceFile;
import dev.ingestor.source.StorageResolver;

/**
 * {@code bin/ingest bench --formats DIR}: extraction throughput per format (MB/s and pages or
 * parts per second) over every file in DIR, and what OCR costs per page. Documents with OCR'd
 * pages are counted under "ext+ocr" so that OCR does not hide in a format's average.
 */
final class FormatBench {

	private FormatBench() {
	}

	static int run(Path dir, int maxFiles) throws IOException {
		List<Path> files;
		try (Stream<Path> paths = Files.walk(dir)) {
			files = paths.filter(Files::isRegularFile).sorted().limit(maxFiles).toList();
		}
		Path work = Files.createTempDirectory("rag-ingestor-format-bench");
		System.setProperty("spring.datasource.url", "jdbc:h2:file:" + work.resolve("db") + ";MODE=MySQL");
		System.setProperty("ingest.storage-dir", work.resolve("storage").toString());
		Map<String, Row> rows = new TreeMap<>();
		long ocrPages = 0, ocrNanos = 0;
		try (Application app = Application.start()) {
			StorageResolver storage = app.bean(StorageResolver.class);
			Extraction extraction = app.bean(Extraction.class);
			for (int i = 0; i < files.size(); i++) {
				String relative = "bench/" + i + "/" + files.get(i).getFileName();
				Files.createDirectories(storage.storageDir().resolve(relative).getParent());
				Files.copy(files.get(i), storage.storageDir().resolve(relative));
				SourceFile file = storage.resolve(i, relative);
				long t0 = System.nanoTime();
				String format = file.extension();
				try {
					ExtractedDocument document = extraction.extract(i, file);
					long nanos = System.nanoTime() - t0;
					long ocr = document.pages().stream().filter(p -> "OCR".equals(p.position())).count();
					if (ocr > 0) {
						format += "+ocr";
						ocrPages += ocr;
						ocrNanos += nanos;
					}
					rows.computeIfAbsent(format, k -> new Row()).add(file.size(), document.pageCount(),
							document.pages().stream().map(Page::text).mapToLong(String::length).sum(), nanos);
				}
				catch (IngestException ex) {
					rows.computeIfAbsent(format, k -> new Row()).failed++;
				}
			}
		}
		print(rows, ocrPages, ocrNanos);
		return ExitCodes.OK;
	}

	private static void print(Map<String, Row> rows, long ocrPages, long ocrNanos) {
		TextTable table = new TextTable("format", ">files", ">failed", ">MB", ">pages", ">chars", ">seconds", ">MB/s",
				">pages/s");
		rows.forEach((format, row) -> table.row(format, row.files, row.failed, fixed(row.bytes / 1e6, 2), row.pages,
				row.chars, fixed(row.nanos / 1e9, 2), fixed(row.bytes / 1e6 / seconds(row.nanos), 2),
				fixed(row.pages / seconds(row.nanos), 1)));
		System.out.print(table.render(""));
		System.out.println((ocrPages == 0) ? "OCR: no page needed it"
				: "OCR: " + ocrPages + " pages, " + fixed(ocrNanos / 1e9 / ocrPages, 2)
						+ " s per page (render at 300 dpi + tesseract, whole document time)");
	}

	private static double seconds(long nanos) {
		return Math.max(nanos, 1) / 1e9;
	}

	private static String fixed(double value, int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	private static final class Row {

		long files, failed, bytes, pages, chars, nanos;

		void add(long size, int pageCount, long charCount, long took) {
			this.files++;
			this.bytes += size;
			this.pages += pageCount;
			this.chars += charCount;
			this.nanos += took;
		}

	}

}
