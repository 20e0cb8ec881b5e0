package dev.ingestor.scale;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when {@code ingest.broker-url} (INGEST_BROKER_URL) is set and not blank. */
class BrokerConfigured implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String url = context.getEnvironment().getProperty("ingest.broker-url");
		return url != null && !url.isBlank();
	}

}
