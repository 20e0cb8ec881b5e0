package dev.ingestor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up accepts only a UTF-8 file-name encoding, whatever the locale calls it. */
class PathEncodingTests {

	@Test
	void utf8UnderAnyOfItsNamesIsAcceptedAndAsciiIsRefusedWithTheFix() {
		assertThat(PathEncoding.refusal("UTF-8")).isNull();
		assertThat(PathEncoding.refusal("utf8")).isNull();
		assertThat(PathEncoding.refusal("ANSI_X3.4-1968")).contains("ANSI_X3.4-1968, not UTF-8")
			.contains("export LC_ALL=C.UTF-8");
		assertThat(PathEncoding.refusal(null)).contains("not UTF-8");
	}

}
