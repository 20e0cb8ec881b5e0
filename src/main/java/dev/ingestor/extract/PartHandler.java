package dev.ingestor.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns Tika's XHTML into pages, one per part a person can find again: each slide
 * ({@code div.slide-content}), each block of {@value PartPosition#ROWS_PER_PART} rows of a sheet
 * ({@code div.page} titled by its {@code h1}), each attachment or embedded document
 * ({@code div.package-entry} / {@code div.embedded}), and each section under a heading. Every
 * character is counted against the budget as it arrives, so a zip bomb or an endless embedded
 * document is stopped while it expands, not after.
 */
final class PartHandler extends DefaultHandler {

	/** The clock is read once per this many characters inside a part, and at every part's end. */
	private static final int CHARS_PER_CLOCK_READ = 64 * 1024;

	private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
			"table", "ul", "ol", "pre", "blockquote", "title");

	private enum Title { NONE, SHEET, ATTACHMENT }

	private final ExtractionBudget budget;

	private final List<Page> pages = new ArrayList<>();

	private final StringBuilder text = new StringBuilder();

	private final StringBuilder heading = new StringBuilder();

	private boolean inHeading;

	private Title expectedTitle = Title.NONE;

	private int headingStart;

	private final PartPosition position = new PartPosition();

	private int slides;

	/** Parsers that mark no parts of their own get them from the format: ODS tables, ODP pages. */
	private final String format;

	private int depth;

	private int headDepth;

	private int bodyDepth;

	private int tables;

	private int mailEntries;

	private int sinceClock;

	PartHandler(ExtractionBudget budget, String format) {
		this.budget = budget;
		this.format = format;
	}

	List<Page> pages() {
		return this.pages;
	}

	@Override
	public void startElement(String uri, String localName, String qName, Attributes attributes) {
		String name = localName.isEmpty() ? qName : localName;
		this.depth++;
		if ("head".equals(name) && this.headDepth == 0) {
			this.headDepth = this.depth;
		}
		else if ("body".equals(name) && this.bodyDepth == 0) {
			this.bodyDepth = this.depth;
		}
		if (BLOCKS.contains(name) && !this.text.isEmpty() && this.text.charAt(this.text.length() - 1) != '\n') {
			this.text.append('\n');
		}
		else if (("td".equals(name) || "th".equals(name)) && !this.text.isEmpty()) {
			this.text.append('\t');
		}
		String type = attributes.getValue("class");
		boolean topLevel = this.depth == this.bodyDepth + 1;
		if ("div".equals(name) && type != null) {
			switch (type) {
				case "slide-content" -> startContainer("slide " + (++this.slides), Title.NONE);
				case "page", "sheet" -> startContainer(null, Title.SHEET);
				case "package-entry", "embedded" -> startContainer("attachment", Title.ATTACHMENT);
				case "email-entry" -> startContainer(
						(this.mailEntries++ == 0) ? "message" : "attachment " + (this.mailEntries - 1), Title.NONE);
				default -> {
				}
			}
		}
		else if ("div".equals(name) && topLevel && "odp".equals(this.format)) {
			startContainer("slide " + (++this.slides), Title.NONE);
		}
		else if ("table".equals(name) && topLevel && "ods".equals(this.format)) {
			startContainer(null, Title.NONE);
			this.position.sheet(String.valueOf(++this.tables));
		}
		else if (name.length() == 2 && name.charAt(0) == 'h' && Character.isDigit(name.charAt(1))) {
			this.inHeading = true;
			this.heading.setLength(0);
			this.headingStart = this.text.length();
		}
		else if ("tr".equals(name) && this.position.inSheet()) {
			if (this.position.partFullBeforeRow()) {
				flush();
			}
			this.position.row();
		}
	}

	@Override
	public void endElement(String uri, String localName, String qName) {
		String name = localName.isEmpty() ? qName : localName;
		if (this.depth-- == this.headDepth) {
			this.headDepth = 0;
		}
		if (this.inHeading && name.length() == 2 && name.charAt(0) == 'h') {
			this.inHeading = false;
			endHeading(this.heading.toString().strip());
		}
		if (BLOCKS.contains(name)) {
			this.text.append('\n');
		}
	}

	@Override
	public void characters(char[] ch, int start, int length) {
		if (this.headDepth > 0) {
			// <head> holds the title, which is metadata, not the document's text.
			return;
		}
		if (this.inHeading) {
			this.heading.append(ch, start, length);
		}
		this.text.append(ch, start, length);
		this.budget.checkChars(this.text.length());
		this.sinceClock += length;
		if (this.sinceClock >= CHARS_PER_CLOCK_READ) {
			this.sinceClock = 0;
			if (this.budget.remaining().isZero()) {
				String where = this.position.describe();
				throw this.budget.overTime((where != null) ? where : "part " + (this.pages.size() + 1));
			}
		}
	}

	@Override
	public void ignorableWhitespace(char[] ch, int start, int length) {
		characters(ch, start, length);
	}

	@Override
	public void endDocument() {
		flush();
	}

	private void startContainer(String name, Title title) {
		flush();
		this.position.enter(name);
		this.expectedTitle = title;
	}

	private void endHeading(String title) {
		if (title.isEmpty()) {
			return;
		}
		switch (this.expectedTitle) {
			case SHEET -> this.position.sheet(title);
			case ATTACHMENT -> this.position.name("attachment " + title);
			case NONE -> {
				// The heading starts a new section: what came before it belongs to the last one.
				String headingText = this.text.substring(this.headingStart);
				this.text.setLength(this.headingStart);
				flush();
				this.text.append(headingText);
				this.position.section(title);
			}
		}
		this.expectedTitle = Title.NONE;
	}

	private void flush() {
		String content = this.text.toString();
		this.text.setLength(0);
		if (content.isBlank()) {
			return;
		}
		this.budget.addPage(content);
		this.pages.add(new Page(this.pages.size() + 1, content.strip(), this.position.describe()));
		this.position.partDone();
	}

}
