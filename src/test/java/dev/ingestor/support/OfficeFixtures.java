package dev.ingestor.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Calendar;
import java.util.Optional;
import java.util.TimeZone;

import org.apache.poi.hslf.usermodel.HSLFSlide;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.hslf.usermodel.HSLFTextBox;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * Office documents written by Apache POI in the tests (no third-party files): Word with
 * headings and metadata, workbooks with named sheets, presentations with numbered slides, and a
 * password-protected workbook. POI cannot write a Word 97 .doc from scratch, so there is none.
 */
public final class OfficeFixtures {

	private OfficeFixtures() {
	}

	/** Two sections under "Installation" and "Usage" headings; title, author, language, created. */
	public static Path docx(Path target) throws IOException {
		try (XWPFDocument document = new XWPFDocument(); OutputStream out = Files.newOutputStream(target)) {
			XWPFStyles styles = document.createStyles();
			heading(styles, "Heading1", "heading 1");
			paragraph(document, "Heading1", "Installation");
			paragraph(document, null, "Unpack the archive and run the installer script.");
			paragraph(document, "Heading1", "Usage");
			paragraph(document, null, "Start the service with the ingest command every night.");
			var properties = document.getProperties().getCoreProperties();
			properties.setTitle("Operator handbook");
			properties.setCreator("Ada Lovelace");
			properties.getUnderlyingProperties().setLanguageProperty("en-GB");
			Calendar created = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
			created.clear();
			created.set(2024, Calendar.MARCH, 14, 9, 30, 0);
			properties.setCreated(Optional.of(created.getTime()));
			document.write(out);
		}
		return target;
	}

	/** A sheet "Budget" of 120 rows and a sheet "Notes" of one row. */
	public static Path xlsx(Path target) throws IOException {
		return workbook(new XSSFWorkbook(), target);
	}

	public static Path xls(Path target) throws IOException {
		return workbook(new HSSFWorkbook(), target);
	}

	/** Three slides, each with its own words. */
	public static Path pptx(Path target) throws IOException {
		try (XMLSlideShow show = new XMLSlideShow(); OutputStream out = Files.newOutputStream(target)) {
			for (String words : new String[] { "Welcome aboard", "Quarterly revenue grew", "Questions and answers" }) {
				XSLFSlide slide = show.createSlide();
				XSLFTextBox box = slide.createTextBox();
				box.setAnchor(new java.awt.Rectangle(50, 50, 400, 100));
				box.setText(words);
			}
			show.write(out);
		}
		return target;
	}

	/** A presentation without a single slide. */
	public static Path emptyPptx(Path target) throws IOException {
		try (XMLSlideShow show = new XMLSlideShow(); OutputStream out = Files.newOutputStream(target)) {
			show.write(out);
		}
		return target;
	}

	public static Path ppt(Path target) throws IOException {
		try (HSLFSlideShow show = new HSLFSlideShow(); OutputStream out = Files.newOutputStream(target)) {
			for (String words : new String[] { "Legacy welcome", "Legacy numbers" }) {
				HSLFSlide slide = show.createSlide();
				HSLFTextBox box = slide.createTextBox();
				box.setAnchor(new java.awt.Rectangle(50, 50, 400, 100));
				box.setText(words);
			}
			show.write(out);
		}
		return target;
	}

	/** A workbook encrypted with the agile scheme, password "secret". */
	public static Path encryptedXlsx(Path target) throws Exception {
		Path plain = xlsx(target.resolveSibling("plain-" + target.getFileName()));
		try (POIFSFileSystem fs = new POIFSFileSystem()) {
			Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
			encryptor.confirmPassword("secret");
			try (OutputStream encrypted = encryptor.getDataStream(fs)) {
				Files.copy(plain, encrypted);
			}
			try (OutputStream out = Files.newOutputStream(target)) {
				fs.writeFilesystem(out);
			}
		}
		Files.delete(plain);
		return target;
	}

	private static Path workbook(Workbook workbook, Path target) throws IOException {
		try (workbook; OutputStream out = Files.newOutputStream(target)) {
			Sheet budget = workbook.createSheet("Budget");
			for (int i = 0; i < 120; i++) {
				budget.createRow(i).createCell(0).setCellValue("line item " + (i + 1));
				budget.getRow(i).createCell(1).setCellValue(100 + i);
			}
			workbook.createSheet("Notes").createRow(0).createCell(0).setCellValue("approved by the board");
			workbook.write(out);
		}
		return target;
	}

	private static void heading(XWPFStyles styles, String id, String name) {
		CTStyle style = CTStyle.Factory.newInstance();
		style.setStyleId(id);
		style.setType(STStyleType.PARAGRAPH);
		style.addNewName().setVal(name);
		styles.addStyle(new XWPFStyle(style));
	}

	private static void paragraph(XWPFDocument document, String style, String text) {
		XWPFParagraph paragraph = document.createParagraph();
		if (style != null) {
			paragraph.setStyle(style);
		}
		paragraph.createRun().setText(text);
	}

}
