package dev.ingestor.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * OpenDocument and EPUB files written as the zip containers they are: a stored
 * {@code mimetype} first, then the XML parts, all written here.
 */
public final class ZipFixtures {

	private static final String NS = """
			xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
			xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
			xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
			xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" \
			xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" \
			xmlns:dc="http://purl.org/dc/elements/1.1/" \
			xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2\"""";

	private ZipFixtures() {
	}

	/** Two sections, "Overview" and "Details", with title, author, language and creation date. */
	public static Path odt(Path target) throws IOException {
		return odf(target, "text", """
				<text:h text:outline-level="1">Overview</text:h><text:p>The open document overview paragraph.</text:p>
				<text:h text:outline-level="1">Details</text:h><text:p>Details live in the second section.</text:p>""");
	}

	/** One sheet "Inventory" of three rows. */
	public static Path ods(Path target) throws IOException {
		StringBuilder rows = new StringBuilder();
		for (String item : new String[] { "bolts", "nuts", "washers" }) {
			rows.append("<table:table-row><table:table-cell office:value-type=\"string\"><text:p>").append(item)
				.append("</text:p></table:table-cell></table:table-row>");
		}
		return odf(target, "spreadsheet", "<table:table table:name=\"Inventory\">" + rows + "</table:table>");
	}

	/** Two slides. */
	public static Path odp(Path target) throws IOException {
		StringBuilder pages = new StringBuilder();
		for (String words : new String[] { "Opening slide words", "Closing slide words" }) {
			pages.append("<draw:page draw:name=\"p\"><draw:frame><draw:text-box><text:p>").append(words)
				.append("</text:p></draw:text-box></draw:frame></draw:page>");
		}
		return odf(target, "presentation", pages.toString());
	}

	/** An ODT whose content.xml is encrypted, as LibreOffice writes a password-protected file. */
	public static Path encryptedOdt(Path target) throws IOException {
		byte[] noise = new byte[512];
		new Random(7).nextBytes(noise);
		Map<String, byte[]> parts = new LinkedHashMap<>();
		parts.put("META-INF/manifest.xml", utf8("""
				<?xml version="1.0" encoding="UTF-8"?>
				<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">
				<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
				<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">
				<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">
				<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>
				<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" manifest:salt="AAAA"/>
				</manifest:encryption-data></manifest:file-entry></manifest:manifest>"""));
		parts.put("content.xml", noise);
		return zip(target, "application/vnd.oasis.opendocument.text", parts);
	}

	/** Two chapters, each under its own heading, with Dublin Core metadata. */
	public static Path epub(Path target) throws IOException {
		Map<String, byte[]> parts = new LinkedHashMap<>();
		parts.put("META-INF/container.xml", utf8("""
				<?xml version="1.0"?>
				<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
				<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
				</container>"""));
		parts.put("OEBPS/content.opf", utf8("""
				<?xml version="1.0"?>
				<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
				<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Tides of the North</dc:title>
				<dc:creator>Mary Shelley</dc:creator><dc:language>en</dc:language><dc:identifier id="id">x1</dc:identifier></metadata>
				<manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/>
				<item id="c2" href="c2.xhtml" media-type="application/xhtml+xml"/></manifest>
				<spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>"""));
		parts.put("OEBPS/c1.xhtml", chapter("Harbour", "The boats leave the harbour at dawn."));
		parts.put("OEBPS/c2.xhtml", chapter("Storm", "A storm gathers over the northern sea."));
		return zip(target, "application/epub+zip", parts);
	}

	private static byte[] chapter(String title, String text) {
		return utf8("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>" + title
				+ "</title></head><body><h1>" + title + "</h1><p>" + text + "</p></body></html>");
	}

	private static Path odf(Path target, String kind, String body) throws IOException {
		Map<String, byte[]> parts = new LinkedHashMap<>();
		parts.put("META-INF/manifest.xml", utf8("""
				<?xml version="1.0" encoding="UTF-8"?>
				<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">
				<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.%s"/>
				<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
				<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
				</manifest:manifest>""".formatted(kind)));
		parts.put("content.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content " + NS
				+ "><office:body><office:" + kind + ">" + body + "</office:" + kind
				+ "></office:body></office:document-content>"));
		parts.put("meta.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-meta " + NS
				+ "><office:meta><dc:title>Open " + kind + "</dc:title><meta:initial-creator>Grace Hopper"
				+ "</meta:initial-creator><dc:language>fr</dc:language><meta:creation-date>2023-05-06T07:08:09"
				+ "</meta:creation-date></office:meta></office:document-meta>"));
		return zip(target, "application/vnd.oasis.opendocument." + kind, parts);
	}

	private static Path zip(Path target, String mimetype, Map<String, byte[]> parts) throws IOException {
		try (OutputStream file = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(file)) {
			byte[] type = utf8(mimetype);
			ZipEntry entry = new ZipEntry("mimetype");
			entry.setMethod(ZipEntry.STORED);
			entry.setSize(type.length);
			CRC32 crc = new CRC32();
			crc.update(type);
			entry.setCrc(crc.getValue());
			zip.putNextEntry(entry);
			zip.write(type);
			for (Map.Entry<String, byte[]> part : parts.entrySet()) {
				zip.putNextEntry(new ZipEntry(part.getKey()));
				zip.write(part.getValue());
			}
		}
		return target;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
