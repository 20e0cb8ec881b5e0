package dev.ingestor.report;

import dev.ingestor.Redaction;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * {@code INGEST_LOG_FORMAT=json}: every string written into a log line (the message, a stack
 * trace, a key-value pair) has credentials in URLs hidden, as the text format's converters do.
 * Named by {@code logging.structured.json.customizer} in application.properties.
 */
public class RedactingJsonMembers implements StructuredLoggingJsonMembersCustomizer<Object> {

	@Override
	public void customize(JsonWriter.Members<Object> members) {
		members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, Redaction::redact));
	}

}
