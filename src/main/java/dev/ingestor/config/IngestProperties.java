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
		@DefaultValue(DEFAULT_OCR) OcrMode ocr,
		@DefaultValue(DEFAULT_OCR_LANGUAGES) String ocrLanguages,
		@DefaultValue(DEFAULT_OCR_COMMAND) String ocrCommand) {

	static final String DEFAULT_STORAGE_DIR = "./data/storage";
	static final String DEFAULT_EMBEDDING = "local";
	static final String DEFAULT_EMBEDDING_BATCH_SIZE = "32";
	/** 0 means "the model's own limit": 126 word pieces for MiniLM, 512 for Ollama models. */
	static final String DEFAULT_MAX_CHUNK_TOKENS = "0";
	static final String DEFAULT_CHUNK_OVERLAP_TOKENS = "16";
	static final String DEFAULT_COMMIT_INTERVAL = "1";
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
	static final String DEFAULT_OCR = "auto";
	static final String DEFAULT_OCR_LANGUAGES = "eng";
	static final String DEFAULT_OCR_COMMAND = "tesseract";

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
	 */
	public record Ollama(
			@DefaultValue("http://localhost:11434") String url,
			@DefaultValue("nomic-embed-text") String model,
			@DefaultValue("60s") Duration timeout) {
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
