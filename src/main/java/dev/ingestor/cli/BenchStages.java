package dev.ingestor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import dev.ingestor.IngestException;
import dev.ingestor.extract.ExtractedDocument;
import dev.ingestor.extract.Extraction;
import dev.ingestor.extract.Page;
import dev.ingestor.source.SourceFile;
import dev.ingestor.source.StorageResolver;
import dev.ingestor.split.ModelTokenizer;
import dev.ingestor.split.TextChunk;
import dev.ingestor.split.TextSplitter;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * For {@code bench}: each stage alone, on one thread, on files already in storage: extraction
 * (pages/s), splitting at 126 tokens (MiniLM's limit, its tokenizer) and at 512 (BERT word
 * pieces, the Ollama default), and the model's floor (the same chunks through the model alone).
 */
final class BenchStages {

	private final Application app;

	BenchStages(Application app) {
		this.app = app;
	}

	/** Extracts every file once, in order; the text is kept only with {@code keep}. */
	Extracted extract(List<Path> stored, boolean keep) {
		Path storage = this.app.bean(StorageResolver.class).storageDir();
		Extraction extraction = this.app.bean(Extraction.class);
		List<ExtractedDocument> documents = new ArrayList<>();
		long pages = 0;
		int refused = 0;
		long t0 = System.nanoTime();
		for (int i = 0; i < stored.size(); i++) {
			String relative = storage.relativize(stored.get(i)).toString();
			// The resolver hands over a private copy of the file; closing deletes it.
			try (SourceFile file = this.app.bean(StorageResolver.class).resolve(-1 - i, relative)) {
				ExtractedDocument document = extraction.extract(-1 - i, file);
				pages += document.pageCount();
				if (keep) {
					documents.add(document);
				}
			}
			catch (IngestException ex) {
				refused++;
			}
		}
		return new Extracted(documents, pages, refused, seconds(t0));
	}

	/** Splits the documents with a splitter of {@code maxTokens} on the model's tokenizer. */
	static Split split(List<ExtractedDocument> documents, int maxTokens, int overlap, String tokenizer) {
		TextSplitter splitter = new TextSplitter(maxTokens, overlap, ModelTokenizer.fromClasspath(tokenizer));
		count(splitter, documents); // warm-up: JIT, so that the figure is the steady state
		long t0 = System.nanoTime();
		long chunks = count(splitter, documents);
		return new Split(maxTokens, chunks, seconds(t0));
	}

	private static long count(TextSplitter splitter, List<ExtractedDocument> documents) {
		long chunks = 0;
		for (ExtractedDocument document : documents) {
			for (Iterator<TextChunk> it = splitter.chunks(document); it.hasNext(); it.next()) {
				chunks++;
			}
		}
		return chunks;
	}

	/** The production splitter's chunks of these documents through the model alone. */
	double floorSeconds(List<ExtractedDocument> documents, int batch) {
		TextSplitter splitter = this.app.bean(TextSplitter.class);
		EmbeddingModel model = this.app.bean(EmbeddingModel.class);
		List<TextSegment> segments = new ArrayList<>();
		documents.forEach(d -> splitter.split(d).forEach(c -> segments.add(TextSegment.from(c.text()))));
		model.embed("warm-up");
		long t0 = System.nanoTime();
		for (int from = 0; from < segments.size(); from += batch) {
			model.embedAll(segments.subList(from, Math.min(from + batch, segments.size())));
		}
		return seconds(t0);
	}

	/** Share of the extracted text's non-blank chars that lie inside some stored chunk. */
	static double coverage(List<ExtractedDocument> documents, List<List<StoredChunk>> stored) {
		long total = 0;
		long covered = 0;
		for (int d = 0; d < documents.size(); d++) {
			for (Page page : documents.get(d).pages()) {
				boolean[] in = new boolean[page.text().length()];
				int cursor = 0;
				for (StoredChunk chunk : stored.get(d)) {
					int at = (chunk.page() == page.number()) ? page.text().indexOf(chunk.text(), cursor) : -1;
					if (at >= 0) {
						java.util.Arrays.fill(in, at, at + chunk.text().length(), true);
						cursor = at + 1;
					}
				}
				for (int i = 0; i < in.length; i++) {
					boolean blank = Character.isWhitespace(page.text().charAt(i));
					total += blank ? 0 : 1;
					covered += (!blank && in[i]) ? 1 : 0;
				}
			}
		}
		return (total == 0) ? 1 : (double) covered / total;
	}

	static double seconds(long startNanos) {
		return Math.max(System.nanoTime() - startNanos, 1) / 1e9;
	}

	record Extracted(List<ExtractedDocument> documents, long pages, int refused, double seconds) {
	}

	record Split(int maxTokens, long chunks, double seconds) {
	}

	record StoredChunk(int page, String text) {
	}

}
