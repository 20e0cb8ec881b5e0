package dev.ingestor.report;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ingestor.Redaction;

/**
 * Logback's {@code %msg} with credentials in URLs hidden, registered for the text log format in
 * {@code logback-spring.xml}: a URL quoted by any library's log line loses its password too.
 */
public class RedactingMessageConverter extends MessageConverter {

	@Override
	public String convert(ILoggingEvent event) {
		return Redaction.redact(super.convert(event));
	}

}
