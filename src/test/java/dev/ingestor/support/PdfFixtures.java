package dev.ingestor.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Every kind of PDF the failure table talks about, generated with PDFBox into a directory:
 * small (a few KB), deterministic, and no third-party documents in the repository.
 */
public final class PdfFixtures {

	private PdfFixtures() {
	}

	/** A readable PDF with text on every page. */
	public static Path normal(Path dir) throws IOException {
		return TestPdfs.textPages(dir.resolve("normal.pdf"), 2);
	}

	/** Pages without any content at all. */
	public static Path blank(Path dir) throws IOException {
		Path target = dir.resolve("blank.pdf");
		try (PDDocument document = new PDDocument()) {
			document.addPage(new PDPage(PDRectangle.A4));
			document.addPage(new PDPage(PDRectangle.A4));
			document.save(target.toFile());
		}
		return target;
	}

	/** A page that holds only an image, as a scanner produces: no text layer. */
	public static Path scanned(Path dir) throws IOException {
		Path target = dir.resolve("scanned.pdf");
		BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.WHITE);
		graphics.fillRect(0, 0, 200, 100);
		graphics.setColor(Color.BLACK);
		graphics.drawString("Scanned words are pixels", 10, 50);
		graphics.dispose();
		try (PDDocument document = new PDDocument()) {
			PDPage page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			PDImageXObject xobject = LosslessFactory.createFromImage(document, image);
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				content.drawImage(xobject, 72, 600, 400, 200);
			}
			document.save(target.toFile());
		}
		return target;
	}

	/** Text behind a user password: nothing opens it without the password. */
	public static Path encrypted(Path dir) throws IOException {
		Path target = TestPdfs.textPages(dir.resolve("encrypted-plain.pdf"), 1);
		Path encrypted = dir.resolve("encrypted.pdf");
		try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(target.toFile())) {
			StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
					new AccessPermission());
			policy.setEncryptionKeyLength(128);
			document.protect(policy);
			document.save(encrypted.toFile());
		}
		Files.delete(target);
		return encrypted;
	}

	/** A PDF header followed by bytes that are no PDF at all. */
	public static Path corrupt(Path dir) throws IOException {
		Path target = dir.resolve("corrupt.pdf");
		byte[] garbage = new byte[2048];
		new Random(42).nextBytes(garbage);
		byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
		byte[] bytes = Arrays.copyOf(header, header.length + garbage.length);
		System.arraycopy(garbage, 0, bytes, header.length, garbage.length);
		Files.write(target, bytes);
		return target;
	}

	/** A valid PDF cut in half, as an interrupted upload leaves it. */
	public static Path truncated(Path dir) throws IOException {
		Path whole = TestPdfs.textPages(dir.resolve("truncated-whole.pdf"), 2);
		byte[] bytes = Files.readAllBytes(whole);
		Files.delete(whole);
		Path target = dir.resolve("truncated.pdf");
		Files.write(target, Arrays.copyOf(bytes, bytes.length / 2));
		return target;
	}

	/** Writes every kind into the given directory, to look at them with other PDF readers. */
	public static void main(String[] args) throws IOException {
		Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/pdf-fixtures"));
		normal(dir);
		blank(dir);
		scanned(dir);
		encrypted(dir);
		corrupt(dir);
		truncated(dir);
	}

}
