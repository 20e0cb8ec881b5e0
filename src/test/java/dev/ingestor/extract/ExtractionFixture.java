package dev.ingestor.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.source.SourceFile;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The production {@link Extraction} with every extractor, bound from the given properties. */
final class ExtractionFixture {

	private ExtractionFixture() {
	}

	static IngestProperties properties(Path storage, String... keyValues) {
		Map<String, String> map = new HashMap<>();
		map.put("ingest.storage-dir", storage.toString());
		for (int i = 0; i < keyValues.length; i += 2) {
			map.put(keyValues[i], keyValues[i + 1]);
		}
		return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("ingest", IngestProperties.class);
	}

	static Extraction extraction(IngestProperties properties, Clock clock) {
		return new Extraction(List.of(new PdfExtractor(), new PlainTextExtractor(), new HtmlExtractor(),
				new TikaExtractor(), new ImageExtractor(properties)), properties, clock);
	}

	static ExtractedDocument extract(Extraction extraction, Path file) throws IOException {
		return extraction.extract(1, new SourceFile(file, Files.size(file), "unused"));
	}

}
