package dev.ingestor.extract;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.source.SourceFile;
import dev.ingestor.split.ModelTokenizer;
import dev.ingestor.split.TextChunk;
import dev.ingestor.split.TextSplitter;
import dev.ingestor.support.TestPdfs;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Run in a child JVM with a small heap by {@link BoundedMemoryTests}: generates a PDF of
 * {@code args[1]} dense pages at {@code args[0]}, extracts it with the production
 * {@link Extraction} and default limits, splits it with the production splitter, and prints
 * {@code pages=N chunks=M peakHeapMb=P} on standard output for the parent to check.
 */
final class BigPdfMain {

	private static final int LINES_PER_PAGE = 20;

	private BigPdfMain() {
	}

	public static void main(String[] args) throws IOException {
		Path pdf = Path.of(args[0]);
		TestPdfs.textPages(pdf, Integer.parseInt(args[1]), LINES_PER_PAGE);
		IngestProperties defaults = new Binder(new MapConfigurationPropertySource(
				Map.of("ingest.storage-dir", pdf.getParent().toString())))
			.bindOrCreate("ingest", IngestProperties.class);
		Extraction extraction = new Extraction(List.of(new PdfExtractor()), defaults, Clock.systemUTC());
		ExtractedDocument document = extraction.extract(1, new SourceFile(pdf, Files.size(pdf), "unused"));
		List<TextChunk> chunks = new TextSplitter(126, 16, ModelTokenizer.fromClasspath(ModelTokenizer.MINILM)).split(document);
		System.out.println("pages=" + document.pageCount() + " chunks=" + chunks.size() + " peakHeapMb=" + peakHeapMb());
	}


	private static long peakHeapMb() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak / (1024 * 1024);
	}

}
