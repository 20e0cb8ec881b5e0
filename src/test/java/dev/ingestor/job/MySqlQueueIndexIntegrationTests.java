package dev.ingestor.job;

import java.util.List;
import java.util.Map;

import dev.ingestor.queue.QueueItem;
import dev.ingestor.support.MySqlJobTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.support.MySqlPagingQueryProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With 100,000 queue rows, most of them long finished, the queries that run on every poll and
 * every item must find the few queued rows through an index, never by scanning the table.
 * The SQL is the one the beans really run: the reader's generated pages, the reservation and
 * the counts.
 */
class MySqlQueueIndexIntegrationTests extends MySqlJobTestBase {

	static final int ROWS = 100_000;

	static final String STATUS_INDEX = "ix_queue_item_status_created";

	@Autowired
	JdbcPagingItemReader<QueueItem> queuedItemReader;

	@BeforeEach
	void loadHundredThousandRows() {
		long node = this.queue.node("bulk");
		// Five digit tables cross-joined give 0..99,999 in one INSERT ... SELECT that MySQL and
		// MariaDB both accept: 94% indexed, 3% failed, 1% download_failed, 2% queued.
		String digit = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 "
				+ "UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
		this.jdbc.sql("""
				INSERT INTO ingestion_queue_item (document_node_id, storage_path, status, created_at, ended_at)
				SELECT :node, CONCAT('bulk/', n, '.txt'),
				       CASE WHEN MOD(n, 100) < 94 THEN 'indexed' WHEN MOD(n, 100) < 97 THEN 'failed'
				            WHEN MOD(n, 100) < 98 THEN 'download_failed' ELSE 'queued' END,
				       TIMESTAMPADD(SECOND, n, TIMESTAMP '2024-01-01 00:00:00'),
				       CASE WHEN MOD(n, 100) < 98 THEN TIMESTAMPADD(SECOND, n + 5, TIMESTAMP '2024-01-01 00:00:00') END
				FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS n
				      FROM %1$s a, %1$s b, %1$s c, %1$s e, %1$s f) seq""".formatted(digit))
			.param("node", node)
			.update();
		assertThat(this.queue.count("SELECT COUNT(*) FROM ingestion_queue_item")).isEqualTo(ROWS);
		assertThat(this.queue.count("SELECT COUNT(*) FROM ingestion_queue_item WHERE status = 'queued'"))
			.isEqualTo(ROWS / 50);
		this.jdbc.sql("ANALYZE TABLE ingestion_queue_item").query().listOfRows();
	}

	@Test
	void readerPagesUseTheStatusIndexWithoutSorting() {
		assertThat(ReflectionTestUtils.getField(this.queuedItemReader, "queryProvider"))
			.isInstanceOf(MySqlPagingQueryProvider.class);
		String firstPage = (String) ReflectionTestUtils.getField(this.queuedItemReader, "firstPageSql");
		String laterPages = (String) ReflectionTestUtils.getField(this.queuedItemReader, "remainingPagesSql");
		assertThat(laterPages).contains("created_at >").doesNotContainIgnoringCase("offset");

		// A later page starts after the last row of the page before: (created_at, id) of a queued row.
		Map<String, Object> lastOfFirstPage = this.jdbc.sql("""
				SELECT id, CAST(created_at AS CHAR) AS created FROM ingestion_queue_item WHERE status = 'queued'
				ORDER BY created_at, id LIMIT 1 OFFSET 49""").query().singleRow();
		String created = "'" + lastOfFirstPage.get("created") + "'";
		String later = bind(laterPages, created, created, String.valueOf(lastOfFirstPage.get("id")));
		for (String sql : List.of(firstPage, later)) {
			Map<String, Object> plan = explain(sql);
			assertThat(plan.get("key")).as("index for %s", sql).isEqualTo(STATUS_INDEX);
			assertThat(plan.get("type")).as("access type for %s", sql).isNotEqualTo("ALL");
			assertThat(String.valueOf(plan.get("Extra"))).as("extra for %s", sql).doesNotContain("filesort");
		}
	}

	@Test
	void reservationUpdateFindsItsRowByPrimaryKey() {
		long queuedId = this.jdbc.sql("SELECT MIN(id) FROM ingestion_queue_item WHERE status = 'queued'")
			.query(Long.class)
			.single();
		// The UPDATE of QueueRepository.reserve, with literals for its parameters.
		Map<String, Object> plan = explain("""
				UPDATE ingestion_queue_item
				SET status = 'processing', reservation_token = 'token', job_execution_id = 1,
				    started_at = CURRENT_TIMESTAMP(6), heartbeat_at = CURRENT_TIMESTAMP(6),
				    ended_at = NULL, rag_message = NULL
				WHERE id = %d AND status = 'queued'""".formatted(queuedId));

		assertThat(plan.get("key")).isEqualTo("PRIMARY");
		assertThat(Long.parseLong(String.valueOf(plan.get("rows")))).isEqualTo(1);
	}

	@Test
	void pollAndReportCountsUseTheStatusIndex() {
		// QueueRepository.hasQueued (every daemon poll) and countByStatus (the report).
		Map<String, Object> poll = explain("SELECT id FROM ingestion_queue_item WHERE status = 'queued' LIMIT 1");
		Map<String, Object> counts = explain("SELECT status, COUNT(*) AS n FROM ingestion_queue_item GROUP BY status");

		assertThat(poll.get("key")).isEqualTo(STATUS_INDEX);
		assertThat(poll.get("type")).isEqualTo("ref");
		assertThat(counts.get("key")).isEqualTo(STATUS_INDEX);
		assertThat(String.valueOf(counts.get("Extra"))).contains("Using index");
	}

	private Map<String, Object> explain(String sql) {
		List<Map<String, Object>> rows = this.jdbc.sql("EXPLAIN " + sql).query().listOfRows();
		assertThat(rows).as("plan of %s", sql).hasSize(1);
		return rows.get(0);
	}

	/** Replaces the reader's positional parameters, in order, with literals so EXPLAIN can plan it. */
	private static String bind(String sql, String... literals) {
		String bound = sql;
		for (String literal : literals) {
			int at = bound.indexOf('?');
			assertThat(at).as("parameter for %s in %s", literal, sql).isNotNegative();
			bound = bound.substring(0, at) + literal + bound.substring(at + 1);
		}
		assertThat(bound).doesNotContain("?");
		return bound;
	}

}
