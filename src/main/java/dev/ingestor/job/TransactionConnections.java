package dev.ingestor.job;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.stereotype.Component;

/**
 * Makes a transaction take its database connection at its first statement, not when it
 * begins. Spring Batch opens the chunk transaction before the documents of the chunk are read,
 * extracted and embedded; with a connection taken at once, that connection would sit idle for
 * minutes and die at the server's {@code wait_timeout} or a proxy's idle limit. The reader
 * reads through the pool itself ({@link #pool}), so the chunk's connection is taken by the
 * writer, used and returned within a write.
 */
@Component
class TransactionConnections implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(bean instanceof LazyConnectionDataSourceProxy)) {
			return new LazyConnectionDataSourceProxy(dataSource);
		}
		return bean;
	}

	/** The pool behind the lazy proxy: a connection per statement, never the transaction's. */
	static DataSource pool(DataSource dataSource) {
		if (dataSource instanceof LazyConnectionDataSourceProxy lazy && lazy.getTargetDataSource() != null) {
			return lazy.getTargetDataSource();
		}
		return dataSource;
	}

}
