package dev.ingestor.embed;

import java.util.List;

import dev.ingestor.extract.DocumentMetadata;
import dev.ingestor.split.TextChunk;

/**
 * A document's chunks with their vectors, ready to be stored as a new version.
 *
 * @param contentHash SHA-256 of the source file
 * @param pageCount pages the text came from
 * @param model name of the model that made the vectors
 * @param chunks the chunks, in order
 * @param vectors one vector per chunk, same order
 * @param reused how many of the vectors were taken from the previous version instead of the model
 * @param metadata title, author, language and creation date the file states
 */
public record EmbeddedDocument(String contentHash, int pageCount, String model, List<TextChunk> chunks,
		List<float[]> vectors, int reused, DocumentMetadata metadata) {

	/** A document whose every vector came from the model, and whose file states nothing about itself. */
	public EmbeddedDocument(String contentHash, int pageCount, String model, List<TextChunk> chunks,
			List<float[]> vectors) {
		this(contentHash, pageCount, model, chunks, vectors, 0, DocumentMetadata.NONE);
	}

	public EmbeddedDocument {
		if (chunks.size() != vectors.size()) {
			throw new IllegalArgumentException(chunks.size() + " chunks but " + vectors.size() + " vectors");
		}
	}

	public int dimension() {
		return this.vectors.isEmpty() ? 0 : this.vectors.get(0).length;
	}

}
