package dev.ingestor.support;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * RTF, mail (EML and Outlook MSG) and XML written in the tests, and images of rendered text for
 * OCR. POI reads MSG but has no writer, so {@link #msg} lays out the MS-OXMSG streams itself.
 */
public final class TextFixtures {

	private TextFixtures() {
	}

	public static Path rtf(Path target) throws IOException {
		return write(target, "{\\rtf1\\ansi{\\fonttbl\\f0\\fswiss Helvetica;}\\f0\\pard "
				+ "Rich text survives the round trip.\\par Second rich paragraph.\\par}");
	}

	/** A message with a plain body and a text attachment "notes.txt". */
	public static Path eml(Path target) throws IOException {
		String attachment = Base64.getMimeEncoder().encodeToString(
				"Attached minutes of the harbour committee.".getBytes(StandardCharsets.UTF_8));
		return write(target, """
				From: Alan Turing <alan@example.org>
				To: ops@example.org
				Subject: Harbour committee
				Date: Tue, 2 Jan 2024 10:00:00 +0000
				MIME-Version: 1.0
				Content-Type: multipart/mixed; boundary="b1"

				--b1
				Content-Type: text/plain; charset=UTF-8

				The committee meets on Friday in the harbour office.
				--b1
				Content-Type: text/plain; name="notes.txt"
				Content-Disposition: attachment; filename="notes.txt"
				Content-Transfer-Encoding: base64

				%s
				--b1--
				""".formatted(attachment).replace("\n", "\r\n"));
	}

	/** An Outlook message: subject, sender, body and one attachment "minutes.txt". */
	public static Path msg(Path target) throws IOException {
		try (POIFSFileSystem fs = new POIFSFileSystem()) {
			DirectoryEntry root = fs.getRoot();
			root.createDocument("__properties_version1.0", new ByteArrayInputStream(properties(32, 1)));
			unicode(root, "001A", "IPM.Note");
			unicode(root, "0037", "Lighthouse maintenance");
			unicode(root, "0C1A", "Ada Lovelace");
			unicode(root, "1000", "The lighthouse lamp is replaced on Monday.");
			DirectoryEntry attachment = root.createDirectory("__attach_version1.0_#00000000");
			attachment.createDocument("__properties_version1.0", new ByteArrayInputStream(properties(8, 0)));
			unicode(attachment, "3707", "minutes.txt");
			unicode(attachment, "3704", "minutes.txt");
			attachment.createDocument("__substg1.0_37010102",
					new ByteArrayInputStream("Minutes of the lighthouse keepers.".getBytes(StandardCharsets.UTF_8)));
			try (OutputStream out = Files.newOutputStream(target)) {
				fs.writeFilesystem(out);
			}
		}
		return target;
	}

	public static Path xml(Path target) throws IOException {
		return write(target, "<?xml version=\"1.0\"?><catalog><book><title>Sea charts</title>"
				+ "<summary>Depths of the northern channel.</summary></book></catalog>");
	}

	/** An image of printed words, as a scanner or a phone camera gives. */
	public static BufferedImage renderedText(String... lines) {
		BufferedImage image = new BufferedImage(1200, 120 + 90 * lines.length, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.WHITE);
		graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
		graphics.setColor(Color.BLACK);
		graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 48));
		for (int i = 0; i < lines.length; i++) {
			graphics.drawString(lines[i], 60, 110 + 90 * i);
		}
		graphics.dispose();
		return image;
	}

	public static Path png(Path target, String... lines) throws IOException {
		ImageIO.write(renderedText(lines), "png", target.toFile());
		return target;
	}

	private static void unicode(DirectoryEntry directory, String property, String value) throws IOException {
		directory.createDocument("__substg1.0_" + property + "001F",
				new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_16LE)));
	}

	/** The fixed header of a property stream (32 bytes at the top, 8 in an attachment). */
	private static byte[] properties(int header, int attachments) {
		ByteBuffer buffer = ByteBuffer.allocate(header).order(ByteOrder.LITTLE_ENDIAN);
		if (header == 32) {
			buffer.putLong(0).putInt(0).putInt(attachments).putInt(0).putInt(attachments);
		}
		return buffer.array();
	}

	private static Path write(Path target, String text) throws IOException {
		Files.writeString(target, text, StandardCharsets.UTF_8);
		return target;
	}

}
