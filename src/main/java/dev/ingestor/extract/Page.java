package dev.ingestor.extract;

/**
 * Text of one page; formats without pages give a single page 1.
 *
 * @param number 1-based page number, kept on every chunk cut from this page
 * @param text the page's text
 */
public record Page(int number, String text) {
}
