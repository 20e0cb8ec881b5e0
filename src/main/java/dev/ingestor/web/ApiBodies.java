package dev.ingestor.web;

import java.time.Instant;
import java.util.List;

import dev.ingestor.queue.ItemQueries;
import dev.ingestor.store.DocumentQueries;

/** The API's response bodies. */
final class ApiBodies {

	private ApiBodies() {
	}

	/** 202 to an upload or a delete: poll {@code statusUrl} until the item is terminal. */
	record Queued(long itemId, long documentId, String status, String statusUrl) {

		Queued(long itemId, long documentId) {
			this(itemId, documentId, "queued", ItemUrls.status(itemId));
		}

	}

	/** 200 to an upload whose bytes equal the document's active version: nothing was queued. */
	record Unchanged(String status, long documentId, long versionId) {

		Unchanged(long documentId, long versionId) {
			this("unchanged", documentId, versionId);
		}

	}

	/** One queue item; {@code ragMessage} is the outcome people read. */
	record Item(long itemId, long documentId, String kind, String status, Instant createdAt, Instant startedAt,
			Instant endedAt, int attempts, String ragMessage, Long versionId, Integer chunkCount) {

		static Item of(ItemQueries.Item item) {
			return new Item(item.id(), item.documentId(), item.kind(), item.status(), item.createdAt(), item.startedAt(),
					item.endedAt(), item.attempts(), item.message(), item.versionId(), item.chunkCount());
		}

	}

	/** A page of items, newest first; pass {@code nextCursor} as {@code cursor} for the next page (null at the end). */
	record ItemPage(List<Item> items, String nextCursor) {
	}

	/** A document, which version is active, and every version with its chunk counts. */
	record Document(long documentId, String name, Instant createdAt, Long activeVersionId,
			List<DocumentQueries.Version> versions) {

		static Document of(DocumentQueries.Document document) {
			return new Document(document.id(), document.name(), document.createdAt(), document.activeVersionId(),
					document.versions());
		}

	}

}
