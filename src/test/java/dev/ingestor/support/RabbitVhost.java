package dev.ingestor.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away virtual host on the machine's RabbitMQ (127.0.0.1:5672, guest/guest), made with
 * {@code rabbitmqctl} for one test class and deleted afterwards; we never touch vhosts we did not
 * create. Without a broker the tests skip, except in CI ({@code CI=true}), where they fail.
 */
public final class RabbitVhost implements AutoCloseable {

	private final String name;

	private RabbitVhost(String name) {
		this.name = name;
	}

	public static RabbitVhost create(String purpose) {
		String name = "ragingestor_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8);
		try {
			rabbitmqctl("add_vhost", name);
			rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
		}
		catch (IOException | IllegalStateException ex) {
			String message = "no RabbitMQ to make a vhost on (" + ex.getMessage() + ")";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(message + "; CI requires it", ex);
			}
			Assumptions.abort(message + "; skipping");
		}
		return new RabbitVhost(name);
	}

	/** INGEST_BROKER_URL for this vhost. */
	public String url() {
		return "amqp://guest:guest@127.0.0.1:5672/" + this.name;
	}

	/** Publishes a persistent text message to {@code queue} through the default exchange. */
	public void publish(String queue, String body) throws IOException, TimeoutException {
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("text/plain")
				.deliveryMode(2)
				.build();
			channel.basicPublish("", queue, properties, body.getBytes(StandardCharsets.UTF_8));
		}
	}

	/** Ready messages in {@code queue} (not those a consumer holds unacknowledged). */
	public long ready(String queue) throws IOException, TimeoutException {
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			return channel.queueDeclarePassive(queue).getMessageCount();
		}
	}

	/** Consumers on {@code queue}: one per live worker. */
	public long consumers(String queue) throws IOException, TimeoutException {
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			return channel.queueDeclarePassive(queue).getConsumerCount();
		}
	}

	/**
	 * Closes every client connection of this vhost, as a broker restart does to its clients,
	 * without touching other vhosts on a shared broker.
	 */
	public void closeAllConnections() throws IOException {
		rabbitmqctl("close_all_connections", "--vhost", this.name, "test: broker drop");
	}

	private Connection connect() throws IOException, TimeoutException {
		ConnectionFactory factory = new ConnectionFactory();
		try {
			factory.setUri(url());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return factory.newConnection();
	}

	@Override
	public void close() throws IOException {
		rabbitmqctl("delete_vhost", this.name);
	}

	private static void rabbitmqctl(String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: "
						+ new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

}
