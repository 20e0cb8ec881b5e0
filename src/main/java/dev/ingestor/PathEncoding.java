package dev.ingestor;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The JVM encodes file names with {@code sun.jnu.encoding}, which it takes from the locale at
 * start-up and which cannot be overridden on JDK 17. Under an ASCII locale (cron or systemd
 * without {@code LANG}, {@code LC_ALL=C}) every non-ASCII name in storage or the inbox would be
 * mangled into {@code ?}, so start-up refuses instead; {@code bin/ingest} pins C.UTF-8 itself.
 */
final class PathEncoding {

	/** The usage / configuration error code of {@code cli.ExitCodes}. */
	static final int EXIT_CODE = 2;

	private PathEncoding() {
	}

	/** Why this JVM cannot run, or null when its file names are UTF-8. */
	static String refusal() {
		return refusal(System.getProperty("sun.jnu.encoding"));
	}

	static String refusal(String encoding) {
		if (encoding != null && Charset.isSupported(encoding) && Charset.forName(encoding).equals(StandardCharsets.UTF_8)) {
			return null;
		}
		return "rag-ingestor: file names would be read as " + encoding + ", not UTF-8, because the locale is not a "
				+ "UTF-8 one (LANG/LC_ALL unset or C); non-ASCII names in storage and the inbox would be unreadable. "
				+ "Start it through bin/ingest, which sets LC_ALL=C.UTF-8, or export LC_ALL=C.UTF-8 (or another "
				+ "UTF-8 locale) before 'java -jar'.";
	}

}
