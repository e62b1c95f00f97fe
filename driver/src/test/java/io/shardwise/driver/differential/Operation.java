package io.shardwise.driver.differential;

import io.shardwise.router.plan.MergeSpec;

import java.util.List;

/**
 * One generated statement. {@link #sql()} is what the application sends; the other fields describe, for the test's
 * own reference sharding ({@link ManualShardingTarget}), which keys it touches and how a scatter would be merged.
 */
sealed interface Operation {

    /** The SQL with literal values: what a plain Statement sends, and what failure messages show. */
    String sql();

    String table();

    /** When not null, the targets run this PreparedStatement form instead of {@link #sql()}. */
    Prepared prepared();

    /** The same statement with {@code ?} placeholders and the values to bind with setObject. */
    record Prepared(String sql, Object[] params) {
    }

    /**
     * A SELECT. {@code keys} are the shard keys it names (null: it may touch every node); {@code nodeSql} and
     * {@code merge} are what a router would send to each node and how it would merge the results; {@code ordered}
     * says whether the SQL fixes the order of the rows (ORDER BY a unique key).
     */
    record Query(String sql, String table, long[] keys, String nodeSql, MergeSpec merge, boolean ordered,
            Prepared prepared)
            implements Operation {
    }

    /** An UPDATE or DELETE; {@code keys} as for queries. The answer is the update count. */
    record Write(String sql, String table, long[] keys, Prepared prepared) implements Operation {
    }

    /** An INSERT of one or more rows, in the table's column order. */
    record Insert(String sql, String table, List<Object[]> rows, Prepared prepared) implements Operation {
    }
}
