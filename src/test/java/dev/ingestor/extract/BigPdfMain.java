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
import dev.ingestor.split.TextChunk;
import dev.ingestor.split.TextSplitter;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

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
		generate(pdf, Integer.parseInt(args[1]));
		IngestProperties defaults = new Binder(new MapConfigurationPropertySource(
				Map.of("ingest.storage-dir", pdf.getParent().toString())))
			.bindOrCreate("ingest", IngestProperties.class);
		Extraction extraction = new Extraction(List.of(new PdfExtractor()), defaults, Clock.systemUTC());
		ExtractedDocument document = extraction.extract(1, new SourceFile(pdf, Files.size(pdf), "unused"));
		List<TextChunk> chunks = new TextSplitter(126, 16, new HuggingFaceTokenCountEstimator()).split(document);
		System.out.println("pages=" + document.pageCount() + " chunks=" + chunks.size() + " peakHeapMb=" + peakHeapMb());
	}

	private static void generate(Path target, int pages) throws IOException {
		try (PDDocument document = new PDDocument()) {
			PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			for (int number = 1; number <= pages; number++) {
				PDPage page = new PDPage(PDRectangle.A4);
				document.addPage(page);
				try (PDPageContentStream content = new PDPageContentStream(document, page)) {
					content.beginText();
					content.setFont(font, 10);
					content.setLeading(16);
					content.newLineAtOffset(50, 800);
					for (int line = 1; line <= LINES_PER_PAGE; line++) {
						content.showText("Page " + number + " line " + line
								+ ": the worker reads queued rows, extracts pages, splits and embeds them.");
						content.newLine();
					}
					content.endText();
				}
			}
			document.save(target.toFile());
		}
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
