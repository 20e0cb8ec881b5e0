package dev.ingestor.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every tunable of the worker, bound from {@code ingest.*} properties, {@code INGEST_*}
 * environment variables or the working directory's {@code .env} file.
 *
 * @param storageDir base directory that every {@code storage_path} is resolved under
 * @param embedding which embedding provider runs: the in-process model or Ollama
 * @param ollama where the Ollama server is and which model it serves
 * @param embeddingBatchSize chunks sent in one embedding request
 * @param maxChunkTokens chunk size in model tokens; capped at the model's real input limit
 * @param chunkOverlapTokens tokens repeated between neighbouring chunks for context
 * @param commitInterval queue items written per Spring Batch chunk transaction
 * @param pageSize queue rows the reader fetches per page
 * @param retry backoff for a flaky embedding server
 * @param maxFileBytes larger files end {@code failed} without being opened by a parser
 * @param maxPages documents with more pages end {@code failed}
 * @param maxChars documents whose text grows past this end {@code failed}
 * @param extractionTimeout extraction still running after this ends {@code failed}
 * @param staleAfter a {@code processing} row whose heartbeat is older is from a dead run
 * @param maxAttempts interrupted attempts after which a row is {@code failed} for good
 * @param pollInterval how often the daemon looks for queued rows
 * @param lockLease how long the run lock lives without renewal; renewed at a third of it
 * @param shutdownGrace how long SIGTERM waits for the item in hand before rolling it back
 * @param inboxDir directory the daemon watches for new files; empty means no inbox
 * @param concurrency documents in flight at once; 0 means the default (cores for local, 8 for ollama)
 * @param ollamaConcurrency embedding requests in flight at once across all documents (ollama)
 * @param writeBatchSize chunks embedded and written at a time per document: what one document in flight holds
 * @param outageMaxBackoff longest wait of the daemon between probes while an outage lasts
 * @param maxQueued {@code serve}: uploads are refused with 503 while this many rows are queued
 * @param auth {@code serve}: JWT bearer tokens, or none at all (single tenant)
 * @param jwt {@code serve}: where the keys that sign the bearer tokens come from
 * @param ocr when scanned pages and images are read with tesseract: auto, off or force
 * @param ocrLanguages tesseract languages, joined with '+' (e.g. "eng+deu")
 * @param ocrCommand the tesseract executable, looked up on the PATH unless a path is given
 */
@ConfigurationProperties("ingest")
public record IngestProperties(
		@DefaultValue(DEFAULT_STORAGE_DIR) Path storageDir,
		@DefaultValue(DEFAULT_EMBEDDING) EmbeddingProvider embedding,
		@DefaultValue Ollama ollama,
		@DefaultValue(DEFAULT_EMBEDDING_BATCH_SIZE) int embeddingBatchSize,
		@DefaultValue(DEFAULT_MAX_CHUNK_TOKENS) int maxChunkTokens,
		@DefaultValue(DEFAULT_CHUNK_OVERLAP_TOKENS) int chunkOverlapTokens,
		@DefaultValue(DEFAULT_COMMIT_INTERVAL) int commitInterval,
		@DefaultValue(DEFAULT_PAGE_SIZE) int pageSize,
		@DefaultValue Retry retry,
		@DefaultValue(DEFAULT_MAX_FILE_BYTES) long maxFileBytes,
		@DefaultValue(DEFAULT_MAX_PAGES) int maxPages,
		@DefaultValue(DEFAULT_MAX_CHARS) long maxChars,
		@DefaultValue(DEFAULT_EXTRACTION_TIMEOUT) Duration extractionTimeout,
		@DefaultValue(DEFAULT_STALE_AFTER) Duration staleAfter,
		@DefaultValue(DEFAULT_MAX_ATTEMPTS) int maxAttempts,
		@DefaultValue(DEFAULT_POLL_INTERVAL) Duration pollInterval,
		@DefaultValue(DEFAULT_LOCK_LEASE) Duration lockLease,
		@DefaultValue(DEFAULT_SHUTDOWN_GRACE) Duration shutdownGrace,
		Path inboxDir,
		@DefaultValue(DEFAULT_CONCURRENCY) int concurrency,
		@DefaultValue(DEFAULT_OLLAMA_CONCURRENCY) int ollamaConcurrency,
		@DefaultValue(DEFAULT_WRITE_BATCH_SIZE) int writeBatchSize,
		@DefaultValue(DEFAULT_OUTAGE_MAX_BACKOFF) Duration outageMaxBackoff,
		@DefaultValue(DEFAULT_MAX_QUEUED) int maxQueued,
		@DefaultValue(DEFAULT_AUTH) AuthMode auth,
		@DefaultValue Jwt jwt,
		@DefaultValue(DEFAULT_OCR) OcrMode ocr,
		@DefaultValue(DEFAULT_OCR_LANGUAGES) String ocrLanguages,
		@DefaultValue(DEFAULT_OCR_COMMAND) String ocrCommand) {

	static final String DEFAULT_STORAGE_DIR = "./data/storage";
	static final String DEFAULT_EMBEDDING = "local";
	static final String DEFAULT_EMBEDDING_BATCH_SIZE = "32";
	/** 0 means "the model's own limit": 126 word pieces for MiniLM, 512 for Ollama models. */
	static final String DEFAULT_MAX_CHUNK_TOKENS = "0";
	static final String DEFAULT_CHUNK_OVERLAP_TOKENS = "16";
	static final String DEFAULT_COMMIT_INTERVAL = "50";
	static final String DEFAULT_PAGE_SIZE = "50";
	static final String DEFAULT_MAX_FILE_BYTES = "104857600";
	static final String DEFAULT_MAX_PAGES = "5000";
	static final String DEFAULT_MAX_CHARS = "20000000";
	static final String DEFAULT_EXTRACTION_TIMEOUT = "5m";
	static final String DEFAULT_STALE_AFTER = "10m";
	static final String DEFAULT_MAX_ATTEMPTS = "3";
	static final String DEFAULT_POLL_INTERVAL = "10s";
	static final String DEFAULT_LOCK_LEASE = "2m";
	static final String DEFAULT_SHUTDOWN_GRACE = "30s";
	/** 0 means "by provider": the number of cores for the in-process model, 8 for Ollama. */
	static final String DEFAULT_CONCURRENCY = "0";
	static final String DEFAULT_OLLAMA_CONCURRENCY = "4";
	static final String DEFAULT_WRITE_BATCH_SIZE = "256";
	static final String DEFAULT_OUTAGE_MAX_BACKOFF = "5m";
	static final String DEFAULT_MAX_QUEUED = "10000";
	static final String DEFAULT_AUTH = "jwt";
	static final String DEFAULT_OCR = "auto";
	static final String DEFAULT_OCR_LANGUAGES = "eng";
	static final String DEFAULT_OCR_COMMAND = "tesseract";

	/** Ollama's default: enough documents in flight to keep its request slots full. */
	static final int OLLAMA_DEFAULT_CONCURRENCY = 8;

	/** Documents processed at once: the configured number, or the provider's default. */
	public int effectiveConcurrency() {
		if (this.concurrency > 0) {
			return this.concurrency;
		}
		return (this.embedding == EmbeddingProvider.OLLAMA) ? OLLAMA_DEFAULT_CONCURRENCY
				: Runtime.getRuntime().availableProcessors();
	}

	/** How {@code bin/ingest serve} authenticates its API. */
	public enum AuthMode {

		/** Bearer JWTs; the tenant and the roles come from their claims. */
		JWT,

		/** No authentication: one tenant ("default"), every caller an admin. Never the default. */
		NONE

	}

	/**
	 * Exactly one of the three names the keys; none set means {@code serve} refuses to start
	 * (unless {@code ingest.auth=none}).
	 *
	 * @param secret HS256 shared secret, at least 32 bytes; never logged
	 * @param jwksUri JWK Set URI of the token issuer
	 * @param issuerUri OpenID issuer whose metadata names the JWK Set
	 */
	public record Jwt(String secret, String jwksUri, String issuerUri) {

		/** Says which settings are present, never the secret itself. */
		@Override
		public String toString() {
			return "Jwt[secret=" + ((this.secret == null || this.secret.isEmpty()) ? "unset" : "***") + ", jwksUri="
					+ this.jwksUri + ", issuerUri=" + this.issuerUri + "]";
		}

	}

	/** When OCR runs. */
	public enum OcrMode {

		/** Only PDF pages without a text layer, and image files. */
		AUTO,

		/** Never: scanned PDFs and images end {@code failed}. */
		OFF,

		/** Every PDF page and image, replacing a PDF's own text layer. */
		FORCE

	}

	/** The two embedding back ends. */
	public enum EmbeddingProvider {

		/** In-process all-MiniLM-L6-v2 through ONNX: no server needed. */
		LOCAL,

		/** An Ollama server's {@code /api/embed}. */
		OLLAMA

	}

	/**
	 * @param url base URL of the Ollama server
	 * @param model embedding model the server should run
	 * @param timeout per-request timeout
	 * @param contextLength tokens the model reads; 0 means "ask the server's /api/show at start-up"
	 */
	public record Ollama(
			@DefaultValue("http://localhost:11434") String url,
			@DefaultValue("nomic-embed-text") String model,
			@DefaultValue("60s") Duration timeout,
			@DefaultValue("0") int contextLength) {
	}

	/**
	 * @param maxAttempts calls per embedding request, the first one included
	 * @param initialDelay wait before the first retry
	 * @param multiplier growth of the wait per retry
	 * @param maxDelay cap on any single wait
	 * @param jitter random spread added to each wait, so that many workers do not retry in step
	 */
	public record Retry(
			@DefaultValue("4") int maxAttempts,
			@DefaultValue("500ms") Duration initialDelay,
			@DefaultValue("2.0") double multiplier,
			@DefaultValue("10s") Duration maxDelay,
			@DefaultValue("100ms") Duration jitter) {
	}

}
