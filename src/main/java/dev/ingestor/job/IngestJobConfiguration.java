package dev.ingestor.job;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.embed.Embedder;
import dev.ingestor.embed.EmbeddingModelSpec;
import dev.ingestor.extract.Extraction;
import dev.ingestor.queue.IngestionLog;
import dev.ingestor.queue.QueueItem;
import dev.ingestor.queue.QueueRepository;
import dev.ingestor.queue.StaleItemRecovery;
import dev.ingestor.report.ItemStages;
import dev.ingestor.scale.Partition;
import dev.ingestor.source.StorageRoot;
import dev.ingestor.report.ProgressDisplay;
import dev.ingestor.source.StorageResolver;
import dev.ingestor.split.TextSplitter;
import dev.ingestor.store.DocumentStore;
import dev.ingestor.store.PendingVersions;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.RunIdIncrementer;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code ingestJob}: {@code recoverStaleItems}, then {@code ingestQueuedItems}. The queue row's
 * status is the job's progress (the process-indicator pattern), so the reader keeps no state
 * and a restart simply reads what is still queued.
 */
@Configuration(proxyBeanMethods = false)
class IngestJobConfiguration {

	static final String JOB_NAME = "ingestJob";

	static final String RECOVER_STEP = "recoverStaleItems";

	static final String INGEST_STEP = "ingestQueuedItems";

	/**
	 * With a broker (INGEST_BROKER_URL) the second step is {@code ingestPartitions}, the manager
	 * that sends {@code ingestQueuedItems}' partitions to {@code bin/ingest worker} processes.
	 */
	@Bean
	Job ingestJob(JobRepository jobRepository, Step recoverStaleItems, Step ingestQueuedItems, RunTracker tracker,
			@Qualifier(Partition.MANAGER_STEP) ObjectProvider<Step> ingestPartitions) {
		return new JobBuilder(JOB_NAME, jobRepository).incrementer(new RunIdIncrementer())
			.listener(tracker)
			.start(recoverStaleItems)
			.next(ingestPartitions.getIfAvailable(() -> ingestQueuedItems))
			.build();
	}

	@Bean
	Step recoverStaleItems(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			StaleItemRecovery recovery) {
		return new StepBuilder(RECOVER_STEP, jobRepository).tasklet(recovery, transactionManager)
			// A restarted run must recover again: its predecessor may have died after this step.
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	Step ingestQueuedItems(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			IngestProperties properties, JdbcPagingItemReader<QueueItem> queuedItemReader,
			RetriedRowsAlone processor, IngestItemWriter writer, FailureRecorder failures,
			ProgressListener progress, AsyncTaskExecutor ingestWorkers) {
		return new StepBuilder(INGEST_STEP, jobRepository).<QueueItem, IngestOutcome>chunk(chunkSize(properties))
			.reader(queuedItemReader)
			.processor(processor)
			.writer(writer)
			.transactionManager(transactionManager)
			// Batch 6's multi-threaded step: documents of a chunk are processed on these threads,
			// read and written on the step's thread.
			.taskExecutor(ingestWorkers)
			.faultTolerant()
			// Embedding retries happen inside the processor, per request; retrying the whole item
			// here would try to reserve an already reserved row.
			.skipPolicy(failures)
			.skipListener(failures)
			.listener(progress)
			.build();
	}

	/**
	 * Documents in flight are the items of one chunk, so a chunk holds at least
	 * {@code concurrency} of them; a larger commit interval batches more per transaction.
	 */
	static int chunkSize(IngestProperties properties) {
		return Math.max(properties.commitInterval(), properties.effectiveConcurrency());
	}

	/** The threads documents are read, extracted, split and embedded on; one per document in flight. */
	@Bean
	AsyncTaskExecutor ingestWorkers(IngestProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(properties.effectiveConcurrency());
		executor.setMaxPoolSize(properties.effectiveConcurrency());
		executor.setThreadNamePrefix("ingest-");
		executor.setDaemon(true);
		executor.initialize();
		return executor;
	}

	/**
	 * Queued rows, oldest first, paged by the unique key (created_at, id) rather than OFFSET. It
	 * reads through the pool itself, outside the chunk transaction, so that the transaction takes
	 * a connection only when the writer needs it (see {@link TransactionConnections}). Step
	 * scoped: a partition of a scaled-out run ({@code bin/ingest worker}) reads only its share.
	 */
	@Bean
	@StepScope
	JdbcPagingItemReader<QueueItem> queuedItemReader(DataSource dataSource, IngestProperties properties,
			@Value("#{stepExecution}") StepExecution stepExecution) throws Exception {
		return new JdbcPagingItemReaderBuilder<QueueItem>().name("queuedItemReader")
			.dataSource(TransactionConnections.pool(dataSource))
			.selectClause("id, document_node_id, storage_path, attempts, kind, created_at")
			.fromClause("ingestion_queue_item")
			.whereClause("status = 'queued'" + Partition.of(stepExecution).rowFilter())
			.sortKeys(sortKeys())
			.pageSize(properties.pageSize())
			.rowMapper((rs, row) -> new QueueItem(rs.getLong("id"), rs.getLong("document_node_id"),
					rs.getString("storage_path"), rs.getInt("attempts"), rs.getString("kind")))
			// The row status is the progress; a saved read count would skip live rows on restart.
			.saveState(false)
			.build();
	}

	private static Map<String, Order> sortKeys() {
		Map<String, Order> keys = new LinkedHashMap<>();
		keys.put("created_at", Order.ASCENDING);
		keys.put("id", Order.ASCENDING);
		return keys;
	}

	@Bean
	IngestItemProcessor ingestItemProcessor(QueueRepository queue, StorageResolver storage, DocumentStore store,
			Extraction extraction, TextSplitter splitter, Embedder embedder, EmbeddingModelSpec model, ItemStages stages,
			DocumentDeletion deletion, PendingVersions pending, IngestProperties properties, Clock clock) {
		return new IngestItemProcessor(queue, storage, store, extraction, splitter,
				new BatchedVersionWriter(store, pending, embedder, model, writeBatch(properties)), stages, deletion,
				clock, properties.staleAfter());
	}

	/**
	 * Chunks embedded and written per step of one document: INGEST_WRITE_BATCH_SIZE rounded up to
	 * whole embedding requests, so a document still takes ⌈chunks ÷ embedding batch⌉ requests.
	 */
	static int writeBatch(IngestProperties properties) {
		int perRequest = Math.max(1, properties.embeddingBatchSize());
		int requests = Math.max(1, (properties.writeBatchSize() + perRequest - 1) / perRequest);
		return requests * perRequest;
	}

	@Bean
	RetriedRowsAlone retriedRowsAlone(IngestItemProcessor processor, IngestItemWriter writer) {
		return new RetriedRowsAlone(processor, writer);
	}

	@Bean
	IngestItemWriter ingestItemWriter(QueueRepository queue, DocumentStore store, IngestionLog log,
			ItemStages stages, PlatformTransactionManager transactionManager, DocumentDeletion deletion,
			PendingVersions pending) {
		return new IngestItemWriter(queue, store, pending, log, stages, transactionManager, deletion);
	}

	@Bean
	ProgressListener progressListener(QueueRepository queue, Clock clock, ObjectProvider<ProgressDisplay> displays) {
		return new ProgressListener(queue, clock, displays);
	}

	@Bean
	FailureRecorder failureRecorder(QueueRepository queue, IngestionLog log, ItemStages stages, StorageRoot storage) {
		return new FailureRecorder(queue, log, stages, storage);
	}

}
