package dev.ingestor.queue;

/**
 * One queued row as the reader sees it, before anything is reserved.
 *
 * @param id the row's id
 * @param documentNodeId the document this row (re)ingests
 * @param storagePath path relative to the storage directory, as the manager wrote it
 * @param attempts interrupted attempts so far
 */
public record QueueItem(long id, long documentNodeId, String storagePath, int attempts) {
}
