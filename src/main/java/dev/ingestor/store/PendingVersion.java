package dev.ingestor.store;

/**
 * A version whose chunks are all embedded but which is not active yet: what the writer needs to
 * activate it, and what the log says about it.
 *
 * @param id version id, pending until activated; 0 while the version is {@code held}
 * @param contentHash SHA-256 of the source file
 * @param pageCount pages the text came from
 * @param chunkCount chunks written
 * @param dimension vector length, 0 when the document has no chunk
 * @param reused how many vectors were taken from the previous version instead of the model
 * @param held a one-batch document not written yet, or null when its rows are in the database
 */
public record PendingVersion(long id, String contentHash, int pageCount, int chunkCount, int dimension, int reused,
		HeldVersion held) {

	/** A version whose rows are written, pending. */
	public PendingVersion(long id, String contentHash, int pageCount, int chunkCount, int dimension, int reused) {
		this(id, contentHash, pageCount, chunkCount, dimension, reused, null);
	}

	/**
	 * What is left to know once its outcome is committed: the counts. A held version drops its
	 * chunks and vectors, which the chunk would otherwise keep until its end.
	 */
	public PendingVersion committed() {
		return isWritten() ? this : new PendingVersion(this.id, this.contentHash, this.pageCount, this.chunkCount,
				this.dimension, this.reused, this.held.withoutData());
	}

	/** Whether its rows are in the database, so that a failure must delete them. */
	public boolean isWritten() {
		return this.held == null;
	}

}
