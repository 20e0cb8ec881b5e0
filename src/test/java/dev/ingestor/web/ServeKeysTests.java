package dev.ingestor.web;

import dev.ingestor.config.IngestProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code serve} without keys refuses to start and says what to set; no message ever shows the secret. */
class ServeKeysTests {

	@Test
	void withoutKeysServeRefusesToStartAndNamesTheSettings() {
		assertThatThrownBy(() -> ApiSecurityConfiguration.decoder(new IngestProperties.Jwt(null, " ", null)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("INGEST_JWT_SECRET")
			.hasMessageContaining("INGEST_JWT_JWKS_URI")
			.hasMessageContaining("INGEST_JWT_ISSUER_URI")
			.hasMessageContaining("INGEST_AUTH=none");
	}

	@Test
	void aShortSecretIsRefusedWithoutBeingShown() {
		String secret = "tooshort-s3cr3t";

		assertThatThrownBy(() -> ApiSecurityConfiguration.decoder(new IngestProperties.Jwt(secret, null, null)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("at least 32")
			.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain(secret));
	}

	@Test
	void theSettingsNeverPrintTheSecret() {
		String secret = ApiClient.SECRET;

		assertThat(new IngestProperties.Jwt(secret, null, null).toString()).doesNotContain(secret).contains("***");
		assertThat(ApiSecurityConfiguration.decoder(new IngestProperties.Jwt(secret, null, null))).isNotNull();
	}

}
