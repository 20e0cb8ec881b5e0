package dev.ingestor.web;

import java.io.IOException;

import dev.ingestor.config.IngestProperties;
import dev.ingestor.queue.IntakeRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as an RFC 9457 problem ({@code application/problem+json}) with a message a
 * person can act on; Spring MVC's own errors (400, 404, 405, 415) come through the base class.
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
@Profile("serve")
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final IngestProperties properties;

	ApiExceptionHandler(IngestProperties properties) {
		this.properties = properties;
	}

	@ExceptionHandler(IntakeRejectedException.class)
	ResponseEntity<ProblemDetail> rejected(IntakeRejectedException ex) {
		HttpStatus status = switch (ex.reason()) {
			case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
			case UNSUPPORTED_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
			case IN_FLIGHT -> HttpStatus.CONFLICT;
			case SATURATED -> HttpStatus.SERVICE_UNAVAILABLE;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (ex.itemId() != null) {
			problem.setProperty("itemId", ex.itemId());
			problem.setProperty("statusUrl", ItemUrls.status(ex.itemId()));
		}
		if (status == HttpStatus.SERVICE_UNAVAILABLE) {
			response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, this.properties.pollInterval().toSeconds())));
		}
		return response.body(problem);
	}

	@ExceptionHandler(ApiNotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(ApiNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage()));
	}

	@ExceptionHandler(IOException.class)
	ResponseEntity<ProblemDetail> storageFailed(IOException ex) {
		log.error("upload could not be stored: {}", ex.toString(), ex);
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
					"the upload could not be stored (" + ex.getClass().getSimpleName() + "); nothing was queued, try again"));
	}

	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "the file is over the size "
				+ "limit of " + this.properties.maxFileBytes() + " bytes (INGEST_MAX_FILE_BYTES)");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
	}

}
