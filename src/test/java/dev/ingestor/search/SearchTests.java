package dev.ingestor.search;

import dev.ingestor.support.H2JobTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SearchContract} on H2 in MySQL mode. */
class SearchTests extends H2JobTestBase implements SearchContract {

	@Autowired
	ApplicationContext context;

	@Override
	public ApplicationContext context() {
		return this.context;
	}

	@Test
	void theScanFetchesAThousandRowsAtATime() {
		assertThat(this.context.getBean(VectorScan.class).fetchSize()).isEqualTo(VectorScan.FETCH_SIZE);
	}

}
