package dev.ingestor.scale;

import java.net.URI;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The broker, only when INGEST_BROKER_URL is set: its connection, and the durable request queue
 * with its dead-letter queue, declared by whichever process connects first (manager or worker).
 * We build the connection ourselves instead of using Boot's AMQP starter, so that a process
 * without a broker has no RabbitMQ connection, health check or metrics at all.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(BrokerConfigured.class)
@EnableBatchIntegration
class BrokerConfiguration {

	@Bean
	CachingConnectionFactory brokerConnectionFactory(ScaleProperties properties) {
		CachingConnectionFactory factory = new CachingConnectionFactory(URI.create(properties.brokerUrl()));
		factory.setConnectionNameStrategy(connectionFactory -> "rag-ingestor " + ProcessHandle.current().pid());
		return factory;
	}

	@Bean
	RabbitAdmin brokerAdmin(CachingConnectionFactory brokerConnectionFactory) {
		return new RabbitAdmin(brokerConnectionFactory);
	}

	@Bean
	RabbitTemplate brokerTemplate(CachingConnectionFactory brokerConnectionFactory) {
		return new RabbitTemplate(brokerConnectionFactory);
	}

	/**
	 * Durable, so requests survive a broker restart; a rejected request (unknown step, body we
	 * cannot read) is dead-lettered to the DLQ rather than redelivered in a loop.
	 */
	@Bean
	Declarables partitionQueues(ScaleProperties properties) {
		Queue deadLetters = QueueBuilder.durable(properties.deadLetterQueue()).build();
		Queue requests = QueueBuilder.durable(properties.partitionQueue())
			.deadLetterExchange("")
			.deadLetterRoutingKey(properties.deadLetterQueue())
			.build();
		return new Declarables(deadLetters, requests);
	}

}
