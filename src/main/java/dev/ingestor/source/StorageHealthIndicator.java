package dev.ingestor.source;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Health component {@code storage}: DOWN while the storage directory is missing or not mounted. */
@Component
class StorageHealthIndicator extends AbstractHealthIndicator {

	private final StorageRoot root;

	StorageHealthIndicator(StorageRoot root) {
		super("storage health check failed");
		this.root = root;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		this.root.problem().ifPresentOrElse(problem -> builder.down().withDetail("problem", problem), builder::up);
	}

}
