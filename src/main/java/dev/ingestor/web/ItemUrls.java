package dev.ingestor.web;

/** Where a queue item's status is polled. */
final class ItemUrls {

	private ItemUrls() {
	}

	static String status(long itemId) {
		return "/v1/ingestion-items/" + itemId;
	}

}
