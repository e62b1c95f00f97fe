package io.shardwise.router.plan;

import java.util.List;
import java.util.function.Predicate;

/**
 * How the driver combines the result sets of a statement that ran on several nodes. Column indexes are 0-based
 * positions in the rows the nodes return. Nodes may return more columns than the application asked for (hidden
 * columns the router appended: AVG's SUM and COUNT, ORDER BY or HAVING expressions not in the select list); the
 * application sees only the first {@code visibleColumns}.
 *
 * <p>Order of operations: group and aggregate (when {@code groupBy != null} or any aggregate is set), then
 * {@code having}, then {@code distinct}, then sort by {@code orderBy}, then {@code offset}/{@code limit}. When
 * there is no grouping, rows arrive sorted from every node and the merge is a streaming k-way merge.
 *
 * @param visibleColumns how many leading columns the application sees
 * @param aggregates     per node column: how partial values from nodes combine; null means no aggregation
 * @param groupBy        node column indexes that form the group key; null means no GROUP BY. An empty array with
 *                       aggregates means one global group (e.g. SELECT COUNT(*) ...)
 * @param having         predicate over a merged row (all node columns, after aggregation); null means none
 * @param distinct       remove duplicate visible rows
 * @param orderBy        sort keys over node columns; empty means unordered
 * @param offset         rows to skip after merging (0 for none)
 * @param limit          rows to return after the offset; -1 for no limit
 */
public record MergeSpec(
        int visibleColumns,
        Aggregate[] aggregates,
        int[] groupBy,
        Predicate<Object[]> having,
        boolean distinct,
        List<SortKey> orderBy,
        long offset,
        long limit) {

    /** How one node column combines across nodes. */
    public enum AggregateKind {
        /** A group key or plain column: taken from any row of the group. */
        NONE,
        COUNT, SUM, MIN, MAX,
        /** Computed from two other columns: {@code sumColumn / countColumn}. The node column itself is ignored. */
        AVG
    }

    /** {@code sumColumn} and {@code countColumn} are only used by {@link AggregateKind#AVG}. */
    public record Aggregate(AggregateKind kind, int sumColumn, int countColumn) {
        public static final Aggregate NONE = new Aggregate(AggregateKind.NONE, -1, -1);

        public static Aggregate of(AggregateKind kind) {
            return new Aggregate(kind, -1, -1);
        }
    }

    /** One ORDER BY key. {@code nullsFirst} follows the backend's default when the SQL did not say. */
    public record SortKey(int column, boolean descending, boolean nullsFirst) {
    }
}
