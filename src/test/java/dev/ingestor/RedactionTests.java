package dev.ingestor;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Credentials in URLs are hidden wherever they appear in a text; everything else is kept. */
class RedactionTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			http://alice:s3cret@ollama:11434                      | http://***@ollama:11434
			https://token@host/path                               | https://***@host/path
			cannot reach http://u:p%40ss@10.0.0.1:80/api/embed now | cannot reach http://***@10.0.0.1:80/api/embed now
			http://h/api?model=x&token=abc123&b=2                  | http://h/api?model=x&token=***&b=2
			https://h/x?api_key=K1#frag                            | https://h/x?api_key=***#frag
			jdbc:mysql://root:pw@db:3306/rag?password=pw           | jdbc:mysql://***@db:3306/rag?password=***
			http://localhost:11434                                 | http://localhost:11434
			mail me at a@b.c: nothing to hide                     | mail me at a@b.c: nothing to hide
			""")
	void credentialsInUrlsAreMaskedAndTheRestIsKept(String text, String redacted) {
		assertThat(Redaction.redact(text)).isEqualTo(redacted);
	}

}
