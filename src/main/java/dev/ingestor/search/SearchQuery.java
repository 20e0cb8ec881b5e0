package dev.ingestor.search;

/**
 * What a caller asks for: the CLI, or {@code GET /v1/search} on behalf of a token's tenant.
 *
 * @param text the question, embedded with the configured model
 * @param k how many passages to return, at least 1
 * @param documentId only chunks of this document node, or {@code null} for all documents
 * @param tenantId only documents of this tenant ({@code document_node.tenant_id}), or {@code null}
 *     for every tenant (the CLI, which runs with the database's own rights)
 */
public record SearchQuery(String text, int k, Long documentId, String tenantId) {

	/** The CLI's default, and what a controller should use when {@code k} is absent. */
	public static final int DEFAULT_K = 10;

	/** A bound that keeps the top-k heap and the detail query small whatever a caller sends. */
	public static final int MAX_K = 100;

	public SearchQuery {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("the search query is empty");
		}
		if (k < 1 || k > MAX_K) {
			throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", got " + k);
		}
	}

	public static SearchQuery of(String text, int k) {
		return new SearchQuery(text, k, null, null);
	}

}
