package dev.ingestor.job;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import dev.ingestor.embed.Embedder;
import dev.ingestor.embed.EmbeddingModelSpec;
import dev.ingestor.extract.DocumentMetadata;
import dev.ingestor.extract.ExtractedDocument;
import dev.ingestor.extract.Page;
import dev.ingestor.queue.QueueItem;
import dev.ingestor.queue.QueueRepository;
import dev.ingestor.queue.Reservation;
import dev.ingestor.split.TextChunk;
import dev.ingestor.store.DocumentStore;
import dev.ingestor.store.PendingVersion;
import dev.ingestor.store.PendingVersions;
import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.support.OllamaStub;
import dev.ingestor.support.QueueFixture.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document is written as a pending version in batches of INGEST_WRITE_BATCH_SIZE chunks before
 * the writer activates it, or, when it is one batch, held for its commit to insert it active;
 * whatever does not reach activation leaves nothing behind.
 */
class PendingVersionTests extends H2JobTestBase {

	static final OllamaStub OLLAMA = OllamaStub.startUnchecked();

	@Autowired
	PendingVersions pending;

	@Autowired
	QueueRepository queueRepository;

	@Autowired
	DocumentStore store;

	@Autowired
	Embedder embedder;

	@Autowired
	EmbeddingModelSpec model;

	@DynamicPropertySource
	static void smallBatches(DynamicPropertyRegistry registry) {
		registry.add("ingest.embedding", () -> "ollama");
		registry.add("ingest.ollama.url", OLLAMA::url);
		registry.add("ingest.embedding-batch-size", () -> "4");
		registry.add("ingest.write-batch-size", () -> "4");
		registry.add("ingest.max-chunk-tokens", () -> "40");
		registry.add("ingest.chunk-overlap-tokens", () -> "4");
	}

	@AfterAll
	static void stopStub() {
		OLLAMA.close();
	}

	@BeforeEach
	void plainService() {
		OLLAMA.reset();
	}

	@Test
	void aPendingVersionLeftByAKilledRunIsDeletedByTheNextRunAndNeverBecomesActive() throws Exception {
		long id = this.queue.queueNew(this.queue.writeText("killed/a.md", ConcurrentIngestTests.paragraphs("killed", 3)));
		QueueItem item = new QueueItem(id, this.queue.row(id).nodeId(), "killed/a.md", 0);
		// A run that died mid-document (its job execution does not exist): the row is left
		// processing under its token, with half a version written.
		Reservation dead = this.queueRepository.reserve(item, 999_999).orElseThrow();
		long orphan = this.pending.open(item.documentNodeId(), id, dead.token(), "b".repeat(64), 1, "m", DocumentMetadata.NONE);
		this.pending.append(orphan, "m", List.of(new TextChunk(0, "half", 1, 1, 1)), List.of(new float[] { 1, 0 }));

		assertThat(this.jobOperatorTestUtils.startJob().getStatus()).isEqualTo(BatchStatus.COMPLETED);

		Row row = this.queue.row(id);
		assertThat(row.status()).isEqualTo("indexed");
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_version WHERE id = " + orphan)).isZero();
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_chunk WHERE document_version_id = " + orphan)).isZero();
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_version WHERE pending = TRUE")).isZero();
		assertThat(this.queue.activeVersions(row.nodeId())).isEqualTo(1);
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_chunk WHERE is_active = TRUE AND content = 'half'")).isZero();
	}

	@Test
	void aDocumentOfOneBatchIsHeldForItsCommitAndALongerOneIsWrittenPendingBatchByBatch() throws Exception {
		BatchedVersionWriter writer = new BatchedVersionWriter(this.store, this.pending, this.embedder, this.model, 4);
		long oneId = this.queue.queueNew(this.queue.writeText("held/one.md", "one"));
		long twoId = this.queue.queueNew(this.queue.writeText("held/two.md", "two"));

		PendingVersion one = writer.write(reserve(oneId), "c".repeat(64), document(), chunks(4), Optional.empty(), () -> {
		});
		PendingVersion two = writer.write(reserve(twoId), "d".repeat(64), document(), chunks(5), Optional.empty(), () -> {
		});

		// Four chunks are one batch: nothing in the database until the commit inserts it active.
		assertThat(one.isWritten()).isFalse();
		assertThat(one.held().chunks()).hasSize(4);
		assertThat(one.held().vectors()).hasSize(4).allSatisfy(vector -> assertThat(vector).hasSize(one.dimension()));
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_version WHERE queue_item_id = " + oneId)).isZero();
		// Five are two batches: a pending version with all five chunks, inactive.
		assertThat(two.isWritten()).isTrue();
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_version WHERE pending = TRUE AND id = " + two.id()))
			.isEqualTo(1);
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_chunk WHERE is_active = FALSE AND document_version_id = "
				+ two.id())).isEqualTo(5);
	}

	@Test
	void aHeldVersionIsInsertedActiveInPlaceOfThePreviousOne() throws Exception {
		long first = this.queue.queueNew(this.queue.writeText("held/doc.md", ConcurrentIngestTests.paragraphs("old", 1)));
		assertThat(this.jobOperatorTestUtils.startJob().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		long node = this.queue.row(first).nodeId();
		this.queue.writeText("held/doc.md", ConcurrentIngestTests.paragraphs("new", 1));
		long second = this.queue.queue(node, "held/doc.md");

		assertThat(this.jobOperatorTestUtils.startJob().getStatus()).isEqualTo(BatchStatus.COMPLETED);

		assertThat(this.queue.row(second).status()).isEqualTo("indexed");
		assertThat(this.queue.activeVersions(node)).isEqualTo(1);
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_version WHERE is_active = TRUE AND queue_item_id = "
				+ second)).isEqualTo(1);
		assertThat(activeChunksOfItem(first)).isZero();
		assertThat(activeChunksOfItem(second)).isEqualTo(this.queue.activeChunks(node));
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_version WHERE pending = TRUE")).isZero();
	}

	private long activeChunksOfItem(long itemId) {
		return this.queue.count("""
				SELECT COUNT(*) FROM document_chunk c JOIN document_version v ON v.id = c.document_version_id
				WHERE c.is_active = TRUE AND v.queue_item_id = %d""".formatted(itemId));
	}

	private Reservation reserve(long id) {
		QueueItem item = new QueueItem(id, this.queue.row(id).nodeId(), "held/" + id, 0);
		return this.queueRepository.reserve(item, 999_999).orElseThrow();
	}

	private static ExtractedDocument document() {
		return new ExtractedDocument("text", List.of(new Page(1, "text")));
	}

	private static Iterator<TextChunk> chunks(int count) {
		return IntStream.range(0, count).mapToObj(i -> new TextChunk(i, "chunk " + i, 1, 1, 2)).iterator();
	}

	@Test
	void aDocumentEmbeddedAndWrittenInSeveralBatchesIsActivatedWhole() throws Exception {
		long id = this.queue.queueNew(this.queue.writeText("batches/a.md", ConcurrentIngestTests.paragraphs("batch", 12)));

		assertThat(this.jobOperatorTestUtils.startJob().getStatus()).isEqualTo(BatchStatus.COMPLETED);

		Row row = this.queue.row(id);
		long chunks = this.queue.activeChunks(row.nodeId());
		assertThat(chunks).isGreaterThan(8);
		assertThat(row.ragMessage()).isEqualTo("indexed " + chunks + " chunks from 1 page");
		assertThat(OLLAMA.calls()).hasSize((int) Math.ceil(chunks / 4.0));
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_version WHERE pending = TRUE OR is_active = FALSE")).isZero();
		assertThat(this.queue.count("SELECT COUNT(DISTINCT chunk_index) FROM document_chunk")).isEqualTo(chunks);
	}

	@Test
	void aDocumentWhoseEmbeddingFailsAfterItsFirstBatchLeavesNoVersionBehind() throws Exception {
		long id = this.queue.queueNew(this.queue.writeText("broken/a.md", ConcurrentIngestTests.paragraphs("batch", 12)));
		OLLAMA.afterEachAnswer(call -> OLLAMA.alwaysAnswer(400, "{\"error\":\"invalid input type\"}"));

		this.jobOperatorTestUtils.startJob();

		assertThat(this.queue.row(id).status()).isEqualTo("failed");
		assertThat(OLLAMA.calls()).hasSizeGreaterThan(1);
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_version")).isZero();
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_chunk")).isZero();
	}

}
