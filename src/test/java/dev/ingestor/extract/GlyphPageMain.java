package dev.ingestor.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.source.SourceFile;
import dev.ingestor.support.TestPdfs;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Run in a child JVM with a small heap by {@link GlyphPageTests}: writes a one-page PDF of
 * {@code args[1]} glyphs at {@code args[0]}, extracts it with the production {@link Extraction}
 * and a character limit of {@code args[2]}, and prints its outcome, the file's size and the
 * process's peak resident set for the parent to check.
 */
final class GlyphPageMain {

	private GlyphPageMain() {
	}

	public static void main(String[] args) throws IOException {
		Path pdf = TestPdfs.glyphPage(Path.of(args[0]), Integer.parseInt(args[1]));
		IngestProperties limits = new Binder(new MapConfigurationPropertySource(
				Map.of("ingest.storage-dir", pdf.getParent().toString(), "ingest.max-chars", args[2])))
			.bindOrCreate("ingest", IngestProperties.class);
		Extraction extraction = new Extraction(List.of(new PdfExtractor()), limits, Clock.systemUTC());
		String outcome;
		try {
			ExtractedDocument document = extraction.extract(1, new SourceFile(pdf, Files.size(pdf), "unused"));
			outcome = "extracted chars=" + document.pages().get(0).text().length();
		}
		catch (LimitExceededException ex) {
			outcome = "limit: " + ex.getMessage();
		}
		System.out.println("bytes=" + Files.size(pdf) + " peakRssKb=" + peakRssKb() + " outcome=" + outcome);
	}

	/** VmHWM: the most this process ever had resident, heap, metaspace and native buffers included. */
	private static String peakRssKb() throws IOException {
		return Files.readAllLines(Path.of("/proc/self/status"))
			.stream()
			.filter(line -> line.startsWith("VmHWM:"))
			.map(line -> line.replaceAll("\\D", ""))
			.findFirst()
			.orElse("unknown");
	}

}
