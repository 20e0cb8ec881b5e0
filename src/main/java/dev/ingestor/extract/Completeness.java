package dev.ingestor.extract;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a file still has the end marker and directory its format writes last: a file cut
 * anywhere before its end loses them, even when a lenient parser recovers a fragment. Each
 * check returns {@code null} for a complete file, or what is missing, for the caller to put
 * after "truncated or damaged ...: ".
 */
final class Completeness {

	/** PDFBox looks for the trailer this far from the end too ({@code COSParser}'s EOF lookup range). */
	static final int PDF_TAIL_BYTES = 2048;

	/** End-of-central-directory record: 22 bytes plus a comment of at most 65,535. */
	static final int ZIP_TAIL_BYTES = 22 + 65_535;

	private static final Pattern STARTXREF = Pattern.compile("startxref\\s+(\\d{1,19})\\s+%%EOF");

	private static final Pattern XREF_AT = Pattern.compile("^\\s*(xref|\\d+\\s+\\d+\\s+obj)");

	private static final int ZIP_EOCD = 0x06054b50;

	private static final int ZIP_CENTRAL_ENTRY = 0x02014b50;

	private Completeness() {
	}

	/** A PDF ends with {@code startxref}, the offset of its last cross-reference section, and {@code %%EOF}. */
	static String pdf(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			String tail = ascii(read(channel, Math.max(0, size - PDF_TAIL_BYTES), PDF_TAIL_BYTES));
			if (!tail.contains("%%EOF")) {
				return "no end-of-file marker (%%EOF) in its last " + Math.min(size, PDF_TAIL_BYTES) + " bytes";
			}
			int at = tail.lastIndexOf("startxref");
			Matcher last = STARTXREF.matcher(tail);
			if (at < 0 || !last.find(at)) {
				return "no 'startxref' before its end-of-file marker";
			}
			long offset = Long.parseLong(last.group(1));
			if (offset >= size) {
				return "its cross-reference offset " + offset + " lies past its end (" + size + " bytes)";
			}
			if (!XREF_AT.matcher(ascii(read(channel, offset, 64))).find()) {
				return "no cross-reference section at offset " + offset;
			}
			return null;
		}
	}

	/** "PK\3\4": the first local file header of any ZIP that is not empty. */
	private static final int ZIP_LOCAL_HEADER = 0x04034b50;

	/** Whether the file begins like a ZIP; a file that does not is no container to check. */
	static boolean startsAsZip(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer head = read(channel, 0, 4).order(ByteOrder.LITTLE_ENDIAN);
			return head.limit() == 4 && head.getInt(0) == ZIP_LOCAL_HEADER;
		}
	}

	/**
	 * A ZIP (and so every OOXML or OpenDocument file) ends with its central directory and the
	 * record that locates it; for the Office extractors to call before parsing.
	 */
	static String zip(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			long from = Math.max(0, size - ZIP_TAIL_BYTES);
			ByteBuffer tail = read(channel, from, ZIP_TAIL_BYTES).order(ByteOrder.LITTLE_ENDIAN);
			for (int at = tail.limit() - 22; at >= 0; at--) {
				if (tail.getInt(at) == ZIP_EOCD && at + 22 + Short.toUnsignedInt(tail.getShort(at + 20)) == tail.limit()) {
					long directorySize = Integer.toUnsignedLong(tail.getInt(at + 12));
					long directoryOffset = Integer.toUnsignedLong(tail.getInt(at + 16));
					if (directoryOffset == 0xFFFFFFFFL) {
						return null; // ZIP64: its own locator follows; the parser checks that one
					}
					if (directoryOffset + directorySize > from + at) {
						return "its central directory (" + directorySize + " bytes at " + directoryOffset
								+ ") does not fit before its end record";
					}
					ByteBuffer entry = read(channel, directoryOffset, 4).order(ByteOrder.LITTLE_ENDIAN);
					return (directorySize == 0 || (entry.limit() == 4 && entry.getInt(0) == ZIP_CENTRAL_ENTRY)) ? null
							: "no central directory at offset " + directoryOffset;
				}
			}
			return "no end-of-central-directory record in its last " + Math.min(size, ZIP_TAIL_BYTES) + " bytes";
		}
	}

	private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length);
		while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
			// keep reading: a channel may return fewer bytes than asked
		}
		return buffer.flip();
	}

	private static String ascii(ByteBuffer bytes) {
		return StandardCharsets.ISO_8859_1.decode(bytes).toString();
	}

}
