package dev.ingestor.scale;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * The manager side of a scaled-out run: {@code ingestPartitions} splits the queue, sends one
 * request per partition to the broker and follows the partitions in the job repository (no
 * reply channel: replies through the broker are what goes wrong in remote partitioning), until
 * all have ended or INGEST_PARTITION_TIMEOUT has passed.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(BrokerConfigured.class)
class ManagerConfiguration {

	@Bean(Partition.MANAGER_STEP)
	Step ingestPartitions(RemotePartitioningManagerStepBuilderFactory managerSteps, ScaleProperties properties,
			DirectChannel partitionRequests, JobRepository jobRepository) {
		Step manager = managerSteps.get(Partition.MANAGER_STEP)
			.partitioner(Partition.WORKER_STEP, Partition.partitioner(properties.partitions()))
			.gridSize(properties.partitions())
			.outputChannel(partitionRequests)
			.pollInterval(properties.partitionPollInterval().toMillis())
			.timeout(properties.partitionTimeout().toMillis())
			.build();
		return new UnfinishedPartitions(manager, jobRepository, properties.partitionTimeout());
	}

	@Bean
	DirectChannel partitionRequests() {
		return new DirectChannel();
	}

	/** Requests as JSON, persistent, straight to the request queue through the default exchange. */
	@Bean
	IntegrationFlow partitionRequestsToBroker(DirectChannel partitionRequests, RabbitTemplate brokerTemplate,
			ScaleProperties properties) {
		return IntegrationFlow.from(partitionRequests)
			.transform(StepExecutionRequest.class, PartitionRequests::toJson)
			.handle(Amqp.outboundAdapter(brokerTemplate).routingKey(properties.partitionQueue()))
			.get();
	}

}
