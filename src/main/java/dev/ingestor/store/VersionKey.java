package dev.ingestor.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.embed.Embedder;
import dev.ingestor.embed.EmbeddingModelSpec;
import dev.ingestor.split.TextSplitter;
import dev.langchain4j.model.embedding.EmbeddingModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The "unchanged" short-circuit key of a document version: the content's hash together with
 * what turned it into vectors (the model, its dimension, the chunk size and overlap, and the
 * splitter's version). Identical content is skipped only when all of them match, so switching
 * {@code INGEST_EMBEDDING}, the model or the chunking re-embeds what is queued again.
 */
@Component
public class VersionKey {

	/** Raise whenever the splitter cuts the same text differently: stored chunks are then stale. */
	public static final int SPLITTER_VERSION = 2;

	private static final Logger log = LoggerFactory.getLogger(VersionKey.class);

	private final EmbeddingModel model;

	private final Embedder embedder;

	private final String settings;

	/** Learned from the model once; 0 until known. */
	private volatile int dimension;

	VersionKey(@Lazy EmbeddingModel model, @Lazy Embedder embedder, EmbeddingModelSpec spec,
			TextSplitter splitter, IngestProperties properties) {
		this.model = model;
		this.embedder = embedder;
		this.settings = spec.name() + "|chunk=" + splitter.maxTokens() + "|overlap=" + properties.chunkOverlapTokens()
				+ "|splitter=" + SPLITTER_VERSION;
	}

	/** The key written with a new version whose vectors have {@code dimension} components. */
	public String of(String contentHash, int dimension) {
		return sha256(contentHash + "|" + this.settings + "|dim=" + dimension);
	}

	/**
	 * Whether a version stored with key {@code stored} (null before V3) holds this content
	 * embedded exactly as this process would embed it.
	 */
	public boolean matches(String stored, String contentHash) {
		if (stored == null) {
			return false;
		}
		int current = currentDimension();
		return current > 0 && stored.equals(of(contentHash, current));
	}

	/**
	 * The model's dimension, asked once (one short request to a server model). When the server
	 * cannot say, the content is embedded again, and that request reports the outage properly.
	 */
	private int currentDimension() {
		if (this.dimension == 0) {
			// Documents embedded earlier in this process already told us; ask the model only if not.
			this.dimension = this.embedder.knownDimension();
		}
		if (this.dimension == 0) {
			try {
				this.dimension = this.model.dimension();
			}
			catch (RuntimeException ex) {
				log.warn("cannot learn the embedding model's dimension ({}); embedding again instead", ex.getMessage());
				return 0;
			}
		}
		return this.dimension;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM ships SHA-256", ex);
		}
	}

}
