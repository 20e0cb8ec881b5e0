package dev.ingestor.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.queue.Enqueuer;
import dev.ingestor.queue.Inbox;
import dev.ingestor.queue.QueueRepository;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The scheduler and the inbox exist only in {@code bin/ingest daemon} (profile {@code daemon}). */
@Configuration(proxyBeanMethods = false)
@Profile("daemon")
class DaemonConfiguration {

	/** The inbox, when INGEST_INBOX_DIR names one; a file must stay untouched for one poll interval. */
	@Bean
	Daemon daemon(IngestRunner runner, QueueRepository queue, Enqueuer enqueuer, Clock clock,
			IngestProperties properties, OutageProbe probe) throws IOException {
		Path inboxDir = properties.inboxDir();
		Inbox inbox = (inboxDir != null && !inboxDir.toString().isBlank())
				? new Inbox(inboxDir, properties.pollInterval(), enqueuer, clock) : null;
		return new Daemon(runner, queue, inbox, properties.pollInterval(), properties.shutdownGrace(),
				new OutageBackoff(probe, clock, properties.pollInterval(), properties.outageMaxBackoff()));
	}

}
