package dev.ingestor.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The context as {@code bin/ingest serve} starts it, on a random loopback port, with the limits
 * {@link IntakeApiContract} tests against and an HS256 secret the tests sign their tokens with.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"ingest.jwt.secret=" + ApiClient.SECRET, "ingest.max-queued=" + IntakeApiContract.MAX_QUEUED,
		"ingest.max-file-bytes=" + IntakeApiContract.MAX_FILE_BYTES, "server.address=127.0.0.1",
		"management.server.port=0" })
@ActiveProfiles({ "daemon", "serve" })
@interface IntakeServer {

}
