package dev.ingestor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides credentials in URLs before text is printed or stored: the user-info part of any
 * {@code scheme://user:password@host} and the values of query parameters that carry secrets
 * ({@code token}, {@code key}, {@code password}, ...). Every place that shows a configured URL
 * or stores a message that might quote one (rag_message, ingestion_log, logs, health, report)
 * goes through {@link #redact(String)}.
 */
public final class Redaction {

	/** What replaces a secret. */
	public static final String MASK = "***";

	/** {@code scheme://} then user info up to the last {@code @} before the host's end. */
	private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/?#@\\s]+@");

	private static final Pattern SECRET_PARAMETER = Pattern.compile(
			"(?i)([?&;](?:access_token|api[_-]?key|apikey|auth|key|password|passwd|pwd|secret|sig|signature|token)=)"
					+ "[^&#\\s]*");

	private Redaction() {
	}

	/** The text with every credential in a URL replaced by {@link #MASK}; null stays null. */
	public static String redact(String text) {
		if (text == null || text.indexOf(':') < 0) {
			return text;
		}
		String withoutUsers = USER_INFO.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK + "@"));
		return SECRET_PARAMETER.matcher(withoutUsers).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
	}

}
