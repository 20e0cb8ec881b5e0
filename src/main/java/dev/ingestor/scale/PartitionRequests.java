package dev.ingestor.scale;

import org.springframework.batch.integration.partition.StepExecutionRequest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Partition requests on the wire: a small JSON object, not Java serialization (which a worker
 * would have to allow-list and which breaks across versions).
 */
final class PartitionRequests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private PartitionRequests() {
	}

	static String toJson(StepExecutionRequest request) {
		return JSON.createObjectNode()
			.put("stepName", request.getStepName())
			.put("stepExecutionId", request.getStepExecutionId())
			.toString();
	}

	/** The request in a message body; an unreadable body throws, and the message is dead-lettered. */
	static StepExecutionRequest fromJson(String body) {
		JsonNode json = JSON.readTree(body);
		JsonNode step = json.path("stepName");
		JsonNode id = json.path("stepExecutionId");
		if (!step.isString() || !id.canConvertToLong()) {
			throw new IllegalArgumentException("not a partition request: " + abbreviate(body));
		}
		return new StepExecutionRequest(step.asString(), id.asLong());
	}

	private static String abbreviate(String body) {
		return (body.length() > 200) ? body.substring(0, 200) + "…" : body;
	}

}
