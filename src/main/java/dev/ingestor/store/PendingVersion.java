package dev.ingestor.store;

/**
 * A version whose chunks are all written but which is not active yet: what the writer needs to
 * activate it, and what the log says about it.
 *
 * @param id version id, pending until activated
 * @param contentHash SHA-256 of the source file
 * @param pageCount pages the text came from
 * @param chunkCount chunks written
 * @param dimension vector length, 0 when the document has no chunk
 * @param reused how many vectors were taken from the previous version instead of the model
 */
public record PendingVersion(long id, String contentHash, int pageCount, int chunkCount, int dimension, int reused) {
}
