package dev.ingestor.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The documents {@code bench} runs on: real PDFs found under a directory, and small Markdown
 * documents written on the spot (tickets, notes), with a way to edit a share of them.
 */
final class BenchCorpus {

	private static final String[] WORDS = { "queue", "ticket", "customer", "invoice", "storage", "worker", "report",
			"server", "refund", "delivery", "account", "payment", "order", "status", "manager", "support" };

	private BenchCorpus() {
	}

	static List<Path> pdfs(Path dir, int limit) throws IOException {
		try (Stream<Path> paths = Files.walk(dir)) {
			return paths.filter(Files::isRegularFile)
				.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".pdf"))
				.sorted()
				.limit(limit)
				.toList();
		}
	}

	/** Writes {@code count} small Markdown documents of three or four short paragraphs each. */
	static List<Path> smallDocuments(Path dir, int count) throws IOException {
		Files.createDirectories(dir);
		List<Path> documents = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			StringBuilder text = new StringBuilder("# Ticket ").append(i).append("\n\n");
			for (int p = 0; p < 3 + i % 2; p++) {
				text.append(sentence(i * 31 + p, 40)).append("\n\n");
			}
			Path file = dir.resolve("ticket-" + i + ".md");
			Files.writeString(file, text, StandardCharsets.UTF_8);
			documents.add(file);
		}
		return documents;
	}

	/** Replaces the second paragraph of every tenth document; returns how many were edited. */
	static int editEveryTenth(List<Path> stored) throws IOException {
		int edited = 0;
		for (int i = 0; i < stored.size(); i += 10) {
			String text = Files.readString(stored.get(i), StandardCharsets.UTF_8);
			String[] paragraphs = text.split("\n\n");
			paragraphs[Math.min(2, paragraphs.length - 1)] = "Edited: " + sentence(i * 17 + 5, 40);
			Files.writeString(stored.get(i), String.join("\n\n", paragraphs) + "\n", StandardCharsets.UTF_8);
			edited++;
		}
		return edited;
	}

	/**
	 * Adds a page holding one new paragraph at the end of every tenth PDF, in place; a PDF that
	 * PDFBox cannot rewrite (encrypted, damaged) passes the edit to the next one. Returns how many
	 * were edited.
	 */
	static int addParagraphToEveryTenthPdf(List<Path> stored) {
		int edited = 0;
		for (int i = 0; i < stored.size(); i += 10) {
			for (int j = i; j < Math.min(i + 10, stored.size()); j++) {
				if (appendParagraph(stored.get(j), j)) {
					edited++;
					break;
				}
			}
		}
		return edited;
	}

	private static boolean appendParagraph(Path pdf, int seed) {
		List<String> lines = new ArrayList<>();
		lines.add("Edited for the benchmark:");
		for (int line = 0; line < 5; line++) {
			lines.add(sentence(seed * 17 + line, 12));
		}
		try {
			SamplePdf.appendPage(pdf, lines);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	private static String sentence(int seed, int words) {
		StringBuilder text = new StringBuilder();
		for (int w = 0; w < words; w++) {
			text.append(WORDS[Math.floorMod(seed * 7 + w * 13 + w / 5, WORDS.length)]).append(w % 10 == 9 ? ". " : " ");
		}
		return text.toString().trim();
	}

}
