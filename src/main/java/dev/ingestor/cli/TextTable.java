package dev.ingestor.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table whose columns are as wide as their widest cell, so the report stays
 * aligned whatever the ids, paths and counts are. Numeric columns are right-aligned.
 */
final class TextTable {

	private final String[] headers;

	private final boolean[] rightAligned;

	private final List<String[]> rows = new ArrayList<>();

	/** Headers starting with '>' name right-aligned (numeric) columns; the '>' is not printed. */
	TextTable(String... headers) {
		this.headers = new String[headers.length];
		this.rightAligned = new boolean[headers.length];
		for (int i = 0; i < headers.length; i++) {
			this.rightAligned[i] = headers[i].startsWith(">");
			this.headers[i] = this.rightAligned[i] ? headers[i].substring(1) : headers[i];
		}
	}

	TextTable row(Object... cells) {
		String[] row = new String[this.headers.length];
		for (int i = 0; i < row.length; i++) {
			row[i] = (i < cells.length && cells[i] != null) ? String.valueOf(cells[i]) : "";
		}
		this.rows.add(row);
		return this;
	}

	/** The table, each line indented by {@code indent} and ending in a newline. */
	String render(String indent) {
		int[] widths = new int[this.headers.length];
		for (int i = 0; i < widths.length; i++) {
			widths[i] = this.headers[i].length();
			for (String[] row : this.rows) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		StringBuilder out = new StringBuilder();
		line(out, indent, this.headers, widths);
		for (String[] row : this.rows) {
			line(out, indent, row, widths);
		}
		return out.toString();
	}

	private void line(StringBuilder out, String indent, String[] cells, int[] widths) {
		StringBuilder line = new StringBuilder(indent);
		for (int i = 0; i < cells.length; i++) {
			String padding = " ".repeat(widths[i] - cells[i].length());
			line.append(this.rightAligned[i] ? padding + cells[i] : cells[i] + padding);
			if (i < cells.length - 1) {
				line.append("  ");
			}
		}
		out.append(line.toString().stripTrailing()).append('\n');
	}

}
