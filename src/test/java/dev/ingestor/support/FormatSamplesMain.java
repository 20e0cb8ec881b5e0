package dev.ingestor.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code args[1]} copies of every fixture format, a scanned PDF and a photographed page
 * into {@code args[0]}, for {@code bin/ingest bench --formats DIR} (the README gives the command).
 */
public final class FormatSamplesMain {

	private FormatSamplesMain() {
	}

	public static void main(String[] args) throws Exception {
		Path dir = Files.createDirectories(Path.of(args[0]));
		int copies = Integer.parseInt(args[1]);
		for (int i = 0; i < copies; i++) {
			OfficeFixtures.docx(dir.resolve(i + ".docx"));
			OfficeFixtures.xlsx(dir.resolve(i + ".xlsx"));
			OfficeFixtures.xls(dir.resolve(i + ".xls"));
			OfficeFixtures.pptx(dir.resolve(i + ".pptx"));
			OfficeFixtures.ppt(dir.resolve(i + ".ppt"));
			ZipFixtures.odt(dir.resolve(i + ".odt"));
			ZipFixtures.ods(dir.resolve(i + ".ods"));
			ZipFixtures.odp(dir.resolve(i + ".odp"));
			ZipFixtures.epub(dir.resolve(i + ".epub"));
			TextFixtures.rtf(dir.resolve(i + ".rtf"));
			TextFixtures.eml(dir.resolve(i + ".eml"));
			TextFixtures.msg(dir.resolve(i + ".msg"));
			TextFixtures.xml(dir.resolve(i + ".xml"));
			TestPdfs.textPages(dir.resolve(i + ".pdf"), 20);
			ScanFixtures.scanned(dir.resolve(i + "-scan.pdf"), "Harbour inspection report", "Lighthouse lamps");
			TextFixtures.png(dir.resolve(i + ".png"), "Quarterly harbour fees");
		}
	}

}
