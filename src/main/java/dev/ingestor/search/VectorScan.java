package dev.ingestor.search;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Exact nearest neighbours by streaming every active vector of one model and dimension through
 * a bounded top-k. Only ids and vectors travel; texts are fetched for the winners alone.
 *
 * <p>Streaming needs the driver's cooperation. MySQL Connector/J buffers a whole result set
 * unless the fetch size is {@code Integer.MIN_VALUE} (row-by-row streaming; a positive size
 * streams only with {@code useCursorFetch=true} in the URL, which we cannot rely on). H2 and
 * other drivers take a positive fetch size.
 */
@Component
class VectorScan {

	/** Rows per round trip on drivers that honour a positive fetch size. */
	static final int FETCH_SIZE = 1000;

	private static final String SQL = """
			SELECT c.id, c.embedding FROM document_chunk c
			JOIN document_version v ON v.id = c.document_version_id
			JOIN document_node n ON n.id = v.document_node_id
			WHERE c.is_active = TRUE AND c.embedding_model = ? AND c.embedding_dimension = ?""";

	private final DataSource dataSource;

	/** Built on first use, so that commands that never search never ask the driver its name. */
	private volatile JdbcTemplate streaming;

	VectorScan(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** What one scan found: the best candidates and how many vectors it compared. */
	record Scanned(List<TopK.Candidate> best, long rows) {
	}

	/**
	 * Compares {@code query} (any length; normalised here) with every active chunk of the model
	 * and dimension, optionally of one document.
	 */
	Scanned nearest(float[] query, String model, SearchQuery request, int keep) {
		float[] unit = normalised(query);
		StringBuilder sql = new StringBuilder(SQL);
		List<Object> args = new ArrayList<>(List.of(model, query.length));
		if (request.documentId() != null) {
			sql.append(" AND v.document_node_id = ?");
			args.add(request.documentId());
		}
		if (request.tenantId() != null) {
			sql.append(" AND n.tenant_id = ?");
			args.add(request.tenantId());
		}
		TopK top = new TopK(keep);
		long[] rows = { 0 };
		streaming().query(sql.toString(), rs -> {
			top.offer(rs.getLong(1), cosine(unit, rs.getBytes(2)));
			rows[0]++;
		}, args.toArray());
		return new Scanned(top.best(), rows[0]);
	}

	/** Cosine of a unit query and a stored little-endian float32 vector, decoded in place. */
	static double cosine(float[] unitQuery, byte[] stored) {
		ByteBuffer buffer = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
		double dot = 0;
		double norm = 0;
		for (int i = 0; i < unitQuery.length; i++) {
			float value = buffer.getFloat(i * Float.BYTES);
			dot += unitQuery[i] * value;
			norm += value * value;
		}
		return (norm == 0) ? 0 : dot / Math.sqrt(norm);
	}

	static float[] normalised(float[] vector) {
		double norm = 0;
		for (float value : vector) {
			norm += value * value;
		}
		float[] unit = new float[vector.length];
		double length = Math.sqrt(norm);
		for (int i = 0; i < vector.length; i++) {
			unit[i] = (length == 0) ? 0 : (float) (vector[i] / length);
		}
		return unit;
	}

	/** The fetch size the scan streams with on this database. */
	int fetchSize() {
		return streaming().getFetchSize();
	}

	private JdbcTemplate streaming() {
		JdbcTemplate template = this.streaming;
		if (template == null) {
			template = new JdbcTemplate(this.dataSource);
			template.setFetchSize(isMySqlConnectorJ(this.dataSource) ? Integer.MIN_VALUE : FETCH_SIZE);
			this.streaming = template;
		}
		return template;
	}

	private static boolean isMySqlConnectorJ(DataSource dataSource) {
		try {
			String driver = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDriverName);
			return driver != null && driver.startsWith("MySQL Connector");
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("cannot tell which JDBC driver the search reads through: " + ex.getMessage(),
					ex);
		}
	}

}
