package dev.ingestor.web.console;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** How the pages print a time: UTC to the second, as the tables' headers say ({@code ${@times.utc(x)}}). */
@Component("times")
@Profile("serve")
class Times {

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	/** The database's times are UTC already (LocalDateTime); the API's are instants. */
	public String utc(Object time) {
		if (time instanceof LocalDateTime local) {
			return UTC.format(local);
		}
		if (time instanceof Instant instant) {
			return UTC.format(instant.atOffset(ZoneOffset.UTC));
		}
		return "";
	}

}
