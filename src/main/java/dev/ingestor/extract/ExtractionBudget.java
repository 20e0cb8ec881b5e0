package dev.ingestor.extract;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import dev.ingestor.config.IngestProperties;

/**
 * Per-document limits, checked as pages arrive so that a huge or slow document is stopped
 * early instead of after it has filled the heap. The time limit is cooperative: it is checked
 * between pages, and inside a page by extractors that stream its glyphs.
 */
final class ExtractionBudget {

	private final long itemId;

	private final IngestProperties limits;

	private final Clock clock;

	private final Instant deadline;

	private long chars;

	private int pages;

	ExtractionBudget(long itemId, IngestProperties limits, Clock clock) {
		this.itemId = itemId;
		this.limits = limits;
		this.clock = clock;
		this.deadline = clock.instant().plus(limits.extractionTimeout());
	}

	/** Checked before parsing, from the document's declared page count. */
	void checkPageCount(int declaredPages) {
		if (declaredPages > this.limits.maxPages()) {
			throw new LimitExceededException(this.itemId,
					"document has " + declaredPages + " pages, over the page limit of " + this.limits.maxPages());
		}
	}

	/** Checked while a single-page format streams in, before its text is complete. */
	void checkChars(long charsSoFar) {
		if (this.chars + charsSoFar > this.limits.maxChars()) {
			throw new LimitExceededException(this.itemId,
					"document text is over the character limit of " + this.limits.maxChars());
		}
	}

	/** Checked while one page is still being read, with the characters it has produced so far. */
	void checkInPage(int pageNumber, long pageCharsSoFar) {
		if (this.chars + pageCharsSoFar > this.limits.maxChars()) {
			throw new LimitExceededException(this.itemId, "document text is over the character limit of "
					+ this.limits.maxChars() + " (stopped inside page " + pageNumber + ")");
		}
		if (this.clock.instant().isAfter(this.deadline)) {
			throw new LimitExceededException(this.itemId, "extraction took longer than the time limit of "
					+ format(this.limits.extractionTimeout()) + " (stopped inside page " + pageNumber + ")");
		}
	}

	/** Accounts one more page of text and enforces every limit. */
	void addPage(String text) {
		this.pages++;
		this.chars += text.length();
		checkPageCount(this.pages);
		checkChars(0);
		if (this.clock.instant().isAfter(this.deadline)) {
			throw new LimitExceededException(this.itemId, "extraction took longer than the time limit of "
					+ format(this.limits.extractionTimeout()) + " (stopped after " + this.pages + " pages)");
		}
	}

	/** Time left before the deadline; an OCR process is never waited for longer than this. */
	Duration remaining() {
		Duration left = Duration.between(this.clock.instant(), this.deadline);
		return left.isNegative() ? Duration.ZERO : left;
	}

	/** The time-limit failure for work stopped inside a page, e.g. "OCR of page 3". */
	LimitExceededException overTime(String during) {
		return new LimitExceededException(this.itemId, "extraction took longer than the time limit of "
				+ format(this.limits.extractionTimeout()) + " (stopped during " + during + ")");
	}

	private static String format(Duration duration) {
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

}
