package dev.ingestor.report;

import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.ingestor.Redaction;

import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Boot's {@code %wEx} (a stack trace after a blank line) with credentials in URLs hidden: an
 * exception's message, or one of its causes', may quote the URL it failed on.
 */
public class RedactingThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

	@Override
	protected String throwableProxyToString(IThrowableProxy proxy) {
		return Redaction.redact(super.throwableProxyToString(proxy));
	}

}
