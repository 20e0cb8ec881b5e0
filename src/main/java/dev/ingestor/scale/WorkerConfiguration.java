package dev.ingestor.scale;

import java.nio.charset.StandardCharsets;

import dev.ingestor.queue.StaleItemRecovery;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code bin/ingest worker} (profile {@code worker}): one consumer on the request queue with
 * prefetch 1, so a worker holds one partition at a time and the others stay in the queue for the
 * other workers. Batch's {@link StepExecutionRequestHandler} runs the partition on the listener's
 * thread, and the container acknowledges (AUTO) only after it returned: a worker killed mid-
 * partition never acknowledged, and the broker redelivers the request. A request that throws
 * (unknown step, unreadable body) is rejected without requeue and dead-lettered.
 *
 * <p>The flow is what {@code RemotePartitioningWorkerStepBuilder} would register, written out:
 * that builder insists on building a second step definition, where the worker must run the same
 * {@code ingestQueuedItems} bean as a single-process run.
 */
@Configuration(proxyBeanMethods = false)
@Profile("worker")
@Conditional(BrokerConfigured.class)
class WorkerConfiguration {

	@Bean
	PartitionWorkerStep partitionWorkerStep(@Qualifier(Partition.WORKER_STEP) Step ingestQueuedItems,
			JobRepository jobRepository, JdbcClient jdbc, StaleItemRecovery recovery,
			PlatformTransactionManager transactionManager, ScaleProperties properties) {
		return new PartitionWorkerStep(ingestQueuedItems, jobRepository,
				new PartitionRows(jdbc, recovery, new TransactionTemplate(transactionManager)),
				properties.partitionPollInterval());
	}

	@Bean
	SimpleMessageListenerContainer partitionRequestListener(CachingConnectionFactory brokerConnectionFactory,
			ScaleProperties properties) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(brokerConnectionFactory);
		container.setQueueNames(properties.partitionQueue());
		container.setConcurrentConsumers(1);
		container.setPrefetchCount(1);
		container.setAcknowledgeMode(AcknowledgeMode.AUTO);
		container.setDefaultRequeueRejected(false);
		return container;
	}

	@Bean
	IntegrationFlow partitionRequestsFromBroker(SimpleMessageListenerContainer partitionRequestListener,
			JobRepository jobRepository, PartitionWorkerStep partitionWorkerStep) {
		StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
		handler.setJobRepository(jobRepository);
		handler.setStepLocator(new OnlyStep(partitionWorkerStep));
		return IntegrationFlow.from(Amqp.inboundAdapter(partitionRequestListener))
			.transform(Object.class, body -> PartitionRequests.fromJson(
					(body instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : body.toString()))
			.handle(handler, "handle")
			.nullChannel();
	}

	/** Locates the worker step by its name only; any other name is a poison request. */
	private record OnlyStep(Step step) implements StepLocator {

		@Override
		public Step getStep(String stepName) {
			return this.step.getName().equals(stepName) ? this.step : null;
		}

	}

}
