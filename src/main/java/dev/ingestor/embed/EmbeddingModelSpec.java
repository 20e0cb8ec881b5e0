package dev.ingestor.embed;

/**
 * What the chosen embedding model is; the name is recorded with every vector (the dimension is
 * taken from the vectors themselves, so that a server's model needs no call at start-up).
 *
 * @param name provider and model, e.g. {@code ollama:nomic-embed-text}
 * @param maxInputTokens the longest input, in word pieces, that it reads in full
 */
public record EmbeddingModelSpec(String name, int maxInputTokens) {
}
