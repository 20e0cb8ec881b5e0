package dev.ingestor.extract;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.stream.Collectors;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;

/** Tika's Dublin Core fields as our {@link DocumentMetadata}. */
final class TikaMetadata {

	private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

	private TikaMetadata() {
	}

	static DocumentMetadata of(Metadata metadata) {
		String[] creators = metadata.getValues(TikaCoreProperties.CREATOR);
		String author = Arrays.stream(creators).filter(s -> !s.isBlank()).collect(Collectors.joining(", "));
		Date created = metadata.getDate(TikaCoreProperties.CREATED);
		if (created != null && created.toInstant().isBefore(EARLIEST)) {
			// Legacy Office writes FILETIME 0 (1601) for "never set".
			created = null;
		}
		return new DocumentMetadata(metadata.get(TikaCoreProperties.TITLE), author,
				metadata.get(TikaCoreProperties.LANGUAGE), (created != null) ? created.toInstant() : null);
	}

}
