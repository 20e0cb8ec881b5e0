package dev.ingestor.search;

import dev.ingestor.support.H2JobTestBase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** {@link SearchContract} on H2 in MySQL mode. */
class SearchTests extends H2JobTestBase implements SearchContract {

	@Autowired
	ApplicationContext context;

	@Override
	public ApplicationContext context() {
		return this.context;
	}

}
