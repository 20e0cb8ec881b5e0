package dev.ingestor.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.ingestor.config.IngestProperties;

import org.springframework.stereotype.Component;

/** Photographed or scanned pages saved as images, read by tesseract as one page marked "OCR". */
@Component
class ImageExtractor implements DocumentExtractor {

	private final Tesseract tesseract;

	ImageExtractor(IngestProperties properties) {
		this.tesseract = new Tesseract(properties);
	}

	@Override
	public Set<String> extensions() {
		return Set.of("png", "jpg", "jpeg", "tif", "tiff");
	}

	@Override
	public ExtractedDocument extract(long itemId, Path file, ExtractionBudget budget) throws IOException {
		if (!this.tesseract.enabled()) {
			throw new ExtractionException(itemId, "image needs OCR: " + this.tesseract.howToEnable());
		}
		String text = this.tesseract.read(file, budget, "the image");
		budget.addPage(text);
		String name = file.getFileName().toString();
		String format = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
		return new ExtractedDocument(format, List.of(new Page(1, text, PdfOcr.POSITION)));
	}

}
