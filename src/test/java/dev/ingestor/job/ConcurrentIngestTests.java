package dev.ingestor.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ingestor.store.VectorCodec;
import dev.ingestor.support.H2JobTestBase;
import dev.ingestor.support.OllamaStub;
import dev.ingestor.support.QueueFixture.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several documents in flight against a real HTTP server speaking Ollama's API: requests of
 * different documents overlap, never more than {@code INGEST_OLLAMA_CONCURRENCY} at once, and a
 * re-ingest sends only the chunks whose text changed.
 */
class ConcurrentIngestTests extends H2JobTestBase {

	static final OllamaStub OLLAMA = OllamaStub.startUnchecked();

	static final int OLLAMA_CONCURRENCY = 2;

	@DynamicPropertySource
	static void ollama(DynamicPropertyRegistry registry) {
		registry.add("ingest.embedding", () -> "ollama");
		registry.add("ingest.ollama.url", OLLAMA::url);
		registry.add("ingest.embedding-batch-size", () -> "2");
		registry.add("ingest.max-chunk-tokens", () -> "40");
		registry.add("ingest.chunk-overlap-tokens", () -> "0");
		registry.add("ingest.concurrency", () -> "4");
		registry.add("ingest.ollama-concurrency", () -> String.valueOf(OLLAMA_CONCURRENCY));
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
	void requestsOfDifferentDocumentsOverlapUpToTheOllamaConcurrency() throws Exception {
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		Set<String> inFlightDocuments = ConcurrentHashMap.newKeySet();
		Set<String> documents = ConcurrentHashMap.newKeySet();
		// The first requests wait until OLLAMA_CONCURRENCY of them are at the server together: one
		// document at a time would never get there (and give up waiting, so the test ends). A
		// document's requests go one after another, so requests at the server together are of
		// different documents; which ones they are is taken on arrival, while the others wait.
		CountDownLatch together = new CountDownLatch(OLLAMA_CONCURRENCY);
		OLLAMA.beforeEachAnswer(call -> {
			most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
			String text = call.inputs().get(0);
			inFlightDocuments.add(text.substring(0, text.indexOf('-')));
			if (inFlightDocuments.size() > 1) {
				documents.addAll(inFlightDocuments);
			}
			together.countDown();
			try {
				if (!together.await(20, TimeUnit.SECONDS)) {
					while (together.getCount() > 0) {
						together.countDown();
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}).afterEachAnswer(call -> {
			String text = call.inputs().get(0);
			inFlightDocuments.remove(text.substring(0, text.indexOf('-')));
			inFlight.decrementAndGet();
		});
		List<Long> rows = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			rows.add(this.queue.queueNew(this.queue.writeText("c/doc-" + i + ".md", paragraphs("doc" + i + "-p", 6))));
		}

		JobExecution execution = this.jobOperatorTestUtils.startJob();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(rows).allSatisfy(id -> assertThat(this.queue.row(id).status()).isEqualTo("indexed"));
		assertThat(most.get()).isEqualTo(OLLAMA_CONCURRENCY);
		assertThat(documents).as("documents whose requests overlapped").hasSizeGreaterThan(1);
	}

	@Test
	void reIngestSendsOnlyChangedChunksToTheModelAndReusesTheOtherVectors() throws Exception {
		long node = this.queue.node("edited.md");
		String first = paragraphs("para", 10);
		this.queue.queue(node, this.queue.writeText("r/v1/edited.md", first));
		this.jobOperatorTestUtils.startJob();
		int chunks = (int) this.queue.activeChunks(node);
		assertThat(chunks).isGreaterThanOrEqualTo(10);
		OLLAMA.reset();
		String edited = first.replace("para3 ", "para3 edited ");
		long second = this.queue.queue(node, this.queue.writeText("r/v2/edited.md", edited));

		this.jobOperatorTestUtils.startJob();

		Row row = this.queue.row(second);
		assertThat(row.status()).isEqualTo("indexed");
		List<String> sent = OLLAMA.calls().stream().flatMap(call -> call.inputs().stream()).toList();
		assertThat(sent).isNotEmpty().allSatisfy(text -> assertThat(text).contains("edited"));
		int reused = (int) this.queue.activeChunks(node) - sent.size();
		assertThat(reused).isPositive();
		assertThat(row.ragMessage()).isEqualTo("indexed " + this.queue.activeChunks(node) + " chunks (" + reused
				+ " reused) from 1 page");
		// A reused vector is the model's vector for that text, not a neighbour's.
		this.jdbc.sql("""
				SELECT c.content, c.embedding FROM document_chunk c JOIN document_version v ON v.id = c.document_version_id
				WHERE v.document_node_id = :n AND c.is_active = TRUE""").param("n", node)
			.query((rs, n) -> assertThat(VectorCodec.decode(rs.getBytes("embedding")))
				.containsExactly(OllamaStub.vectorFor(rs.getString("content"))))
			.list();
	}

	@Test
	void aFastDocumentIsCommittedWhileASlowOneOfItsChunkIsStillEmbedding() throws Exception {
		long fast = this.queue.queueNew(this.queue.writeText("s/fast.md", paragraphs("fast", 2)));
		long slow = this.queue.queueNew(this.queue.writeText("s/slow.md", paragraphs("slow", 2)));
		AtomicBoolean fastIndexedFirst = new AtomicBoolean();
		CountDownLatch fastIndexed = new CountDownLatch(1);
		// The slow document's first request is answered only once the fast one, of the same chunk,
		// reads as indexed; a fast result that waited for the chunk's write never would, and the
		// request gives up waiting (then the assertion below fails).
		OLLAMA.beforeEachAnswer(call -> {
			if (call.inputs().get(0).startsWith("slow") && fastIndexed.getCount() > 0) {
				for (int poll = 0; poll < 400 && !"indexed".equals(this.queue.row(fast).status()); poll++) {
					pause();
				}
				fastIndexedFirst.set("indexed".equals(this.queue.row(fast).status()));
				fastIndexed.countDown();
			}
		});

		JobExecution execution = this.jobOperatorTestUtils.startJob();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.queue.row(slow).status()).isEqualTo("indexed");
		assertThat(fastIndexedFirst).as("the fast document was indexed while the slow one was embedding").isTrue();
	}

	@Test
	void twoRowsOfOneDocumentInFlightTogetherAreBothIndexedWithOneActiveVersion() throws Exception {
		for (int round = 0; round < 5; round++) {
			// A manager queued the document, then a changed file for it, before the first row ran:
			// both rows are in flight at once, and their answers are released together, so their
			// commits meet. Without a lock on the document the second insert of an active version
			// would break the one-active-version key and end its row failed.
			long first = this.queue.queueNew(this.queue.writeText("twice/" + round + "-a.md", paragraphs("a" + round, 1)));
			long node = this.queue.row(first).nodeId();
			long second = this.queue.queue(node, this.queue.writeText("twice/" + round + "-b.md",
					paragraphs("b" + round, 1)));
			CountDownLatch together = new CountDownLatch(2);
			OLLAMA.reset().beforeEachAnswer(call -> {
				together.countDown();
				try {
					together.await(20, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});

			assertThat(this.jobOperatorTestUtils.startJob().getStatus()).isEqualTo(BatchStatus.COMPLETED);

			assertThat(List.of(this.queue.row(first).status(), this.queue.row(second).status())).as("round %d", round)
				.containsOnly("indexed");
			assertThat(this.queue.activeVersions(node)).as("round %d", round).isEqualTo(1);
			assertThat(this.queue.count("SELECT COUNT(*) FROM document_chunk c JOIN document_version v"
					+ " ON v.id = c.document_version_id WHERE c.is_active = TRUE AND v.document_node_id = " + node))
				.isEqualTo(this.queue.activeChunks(node));
		}
		assertThat(this.queue.count("SELECT COUNT(*) FROM document_version WHERE pending = TRUE")).isZero();
	}

	private static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Paragraphs of about 30 tokens each, every one different, starting with its own marker. */
	static String paragraphs(String marker, int count) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append(marker).append(i).append(" opens a paragraph about queues, vectors and the storage of ")
				.append("document number ").append(i).append(" in the index.\n\n");
		}
		return text.toString();
	}

}
