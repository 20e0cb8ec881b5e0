package dev.ingestor.search;

import dev.ingestor.support.MySqlJobTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SearchContract} on the machine's MariaDB/MySQL, where streaming needs Connector/J's row-by-row mode. */
class MySqlSearchIntegrationTests extends MySqlJobTestBase implements SearchContract {

	@Autowired
	ApplicationContext context;

	@Override
	public ApplicationContext context() {
		return this.context;
	}

	@Test
	void theScanStreamsRowByRowBecauseConnectorJWouldOtherwiseBufferTheWholeTable() {
		assertThat(this.context.getBean(VectorScan.class).fetchSize()).isEqualTo(Integer.MIN_VALUE);
	}

}
