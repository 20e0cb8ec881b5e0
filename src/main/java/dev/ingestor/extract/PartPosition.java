package dev.ingestor.extract;

/**
 * Where the part being read sits, as a person would look for it: a container (a slide, an
 * attachment, a mail's body), a sheet with the range of rows read so far, and a section heading.
 */
final class PartPosition {

	/** Sheet rows per part: row ranges stay short enough to look up. */
	static final int ROWS_PER_PART = 50;

	private String container;

	private String sheet;

	private int row;

	private int firstRow;

	private int rowsInPart;

	private String section;

	/** A new container starts: slide, attachment, sheet (named later), or none. */
	void enter(String containerName) {
		this.container = containerName;
		this.sheet = null;
		this.section = null;
		this.row = 0;
		this.firstRow = 0;
		this.rowsInPart = 0;
	}

	void name(String containerName) {
		this.container = containerName;
	}

	void sheet(String name) {
		this.sheet = name;
	}

	void section(String heading) {
		this.section = heading;
	}

	boolean inSheet() {
		return this.sheet != null;
	}

	/** Whether the part is full before this row starts, so that it must be flushed first. */
	boolean partFullBeforeRow() {
		return this.rowsInPart == ROWS_PER_PART;
	}

	void row() {
		this.row++;
		this.rowsInPart++;
		if (this.firstRow == 0) {
			this.firstRow = this.row;
		}
	}

	/** The part was stored: the next one starts at the next row. */
	void partDone() {
		this.firstRow = this.row + 1;
		this.rowsInPart = 0;
	}

	/** "slide 3", "sheet Budget rows 51-100", "attachment notes.txt, section Minutes", or null. */
	String describe() {
		StringBuilder position = new StringBuilder();
		if (this.container != null) {
			position.append(this.container);
		}
		if (this.sheet != null) {
			append(position, "sheet " + this.sheet + ((this.row == 0) ? "" : " rows " + this.firstRow + "-" + this.row));
		}
		if (this.section != null) {
			append(position, "section " + this.section);
		}
		return position.isEmpty() ? null : position.toString();
	}

	private static void append(StringBuilder position, String part) {
		if (!position.isEmpty()) {
			position.append(", ");
		}
		position.append(part);
	}

}
