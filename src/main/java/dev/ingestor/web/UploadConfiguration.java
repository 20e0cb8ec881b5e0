package dev.ingestor.web;

import dev.ingestor.config.IngestProperties;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import jakarta.servlet.MultipartConfigElement;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.servlet.MultipartConfigFactory;

/**
 * How the servlet container takes uploads: every byte of a file part goes to a temporary file
 * at once (threshold 0), never to the heap, and a part over {@code INGEST_MAX_FILE_BYTES} is
 * refused (413) while it arrives. Also the API's OpenAPI description (bearer JWTs).
 */
@Configuration(proxyBeanMethods = false)
@Profile("serve")
@OpenAPIDefinition(info = @Info(title = "rag-ingestor intake API", version = "v1",
		description = "Upload documents, poll their ingestion, read and delete documents."),
		security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class UploadConfiguration {

	/** Room for the multipart framing and the small form fields beside the file. */
	private static final long FORM_OVERHEAD_BYTES = 1024 * 1024;

	@Bean
	MultipartConfigElement multipartConfigElement(IngestProperties properties) {
		MultipartConfigFactory factory = new MultipartConfigFactory();
		factory.setFileSizeThreshold(DataSize.ofBytes(0));
		factory.setMaxFileSize(DataSize.ofBytes(properties.maxFileBytes()));
		factory.setMaxRequestSize(DataSize.ofBytes(properties.maxFileBytes() + FORM_OVERHEAD_BYTES));
		return factory.createMultipartConfig();
	}

}
