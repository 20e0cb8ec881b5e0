package dev.ingestor.split;

import java.util.ArrayList;
import java.util.List;

import dev.ingestor.extract.ExtractedDocument;
import dev.ingestor.extract.Page;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.TokenCountEstimator;

/**
 * Cuts pages into chunks measured in the embedding model's own tokens (paragraphs first, then
 * sentences, words), so that no chunk is longer than what the model reads: an in-process MiniLM
 * silently drops everything past 128 tokens. Chunks never span pages, so each keeps its page.
 */
public class TextSplitter {

	private final DocumentSplitter splitter;

	private final TokenCountEstimator tokens;

	private final int maxTokens;

	public TextSplitter(int maxTokens, int overlapTokens, TokenCountEstimator tokens) {
		if (overlapTokens >= maxTokens) {
			throw new IllegalArgumentException(
					"chunk overlap (" + overlapTokens + " tokens) must be smaller than the chunk size (" + maxTokens + ")");
		}
		this.splitter = DocumentSplitters.recursive(maxTokens, overlapTokens, tokens);
		this.tokens = tokens;
		this.maxTokens = maxTokens;
	}

	/** The largest chunk this splitter produces, in model tokens. */
	public int maxTokens() {
		return this.maxTokens;
	}

	public List<TextChunk> split(ExtractedDocument document) {
		List<TextChunk> chunks = new ArrayList<>();
		for (Page page : document.pages()) {
			if (page.text().isBlank()) {
				continue;
			}
			for (TextSegment segment : this.splitter.split(Document.from(page.text()))) {
				String text = segment.text();
				chunks.add(new TextChunk(chunks.size(), text, page.number(), page.number(),
						this.tokens.estimateTokenCountInText(text), page.position()));
			}
		}
		return chunks;
	}

}
