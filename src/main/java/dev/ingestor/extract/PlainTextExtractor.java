package dev.ingestor.extract;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Text-like formats read as UTF-8 (Markdown kept as written: its markup is readable text).
 * Bytes that are not UTF-8 become U+FFFD instead of failing the document.
 */
@Component
class PlainTextExtractor implements DocumentExtractor {

	private static final int BUFFER_CHARS = 64 * 1024;

	@Override
	public Set<String> extensions() {
		return Set.of("txt", "text", "md", "markdown", "csv", "tsv", "log", "rst", "adoc", "json", "yaml", "yml");
	}

	@Override
	public ExtractedDocument extract(long itemId, Path file, ExtractionBudget budget) throws IOException {
		StringBuilder text = new StringBuilder();
		char[] buffer = new char[BUFFER_CHARS];
		try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8
			.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE))) {
			for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
				for (int i = 0; i < n; i++) {
					if (buffer[i] == '\0') {
						throw new ExtractionException(itemId, "not a text file: it contains binary data");
					}
				}
				text.append(buffer, 0, n);
				budget.checkChars(text.length());
			}
		}
		String content = text.toString();
		budget.addPage(content);
		return new ExtractedDocument("text", List.of(new Page(1, content)));
	}

}
