package io.shardwise.driver.merge;

import io.shardwise.router.plan.MergeSpec;
import io.shardwise.router.plan.MergeSpec.Aggregate;
import io.shardwise.router.plan.MergeSpec.AggregateKind;
import io.shardwise.router.plan.MergeSpec.SortKey;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Combines the result sets of one statement that ran on several nodes into the single forward-only result set the
 * application reads, following a {@link MergeSpec}.
 *
 * <p>Without grouping the merge streams: a k-way merge over the node cursors when the statement has an ORDER BY
 * (each node already sorted its rows), otherwise one node after another; then DISTINCT and OFFSET/LIMIT. Rows are
 * pulled from the nodes only as the application calls {@code next()}, and once the limit is reached the node result
 * sets are closed at once. With GROUP BY or aggregates the partial rows are combined per group first (that stage
 * must see every row), then HAVING, DISTINCT, an in-memory sort and OFFSET/LIMIT.
 */
public final class ResultSetMerger {

    private ResultSetMerger() {
    }

    public static ResultSet merge(List<ResultSet> nodeResults, MergeSpec spec, Statement owner) throws SQLException {
        return merge(nodeResults, spec, owner, null);
    }

    /**
     * @param nodeResults one open result set per node, all with the same columns; the merge owns and closes them
     * @param spec        how to combine them
     * @param owner       what {@link ResultSet#getStatement()} returns
     * @param onClose     run once when the merged result set is closed (e.g. to close the node statements); may be
     *                    null
     */
    public static ResultSet merge(List<ResultSet> nodeResults, MergeSpec spec, Statement owner, Runnable onClose)
            throws SQLException {
        if (nodeResults.isEmpty()) {
            throw new SQLException("nothing to merge: no node returned a result set");
        }
        List<NodeCursor> cursors = new ArrayList<>(nodeResults.size());
        try {
            ResultSetMetaData md = nodeResults.get(0).getMetaData();
            int nodeColumnCount = md.getColumnCount();
            List<ColumnInfo> nodeColumns = new ArrayList<>(nodeColumnCount);
            for (int i = 1; i <= nodeColumnCount; i++) {
                nodeColumns.add(ColumnInfo.from(md, i));
            }
            validate(spec, nodeColumnCount);
            Backend backend = Backend.of(nodeResults.get(0));
            for (int i = 0; i < nodeResults.size(); i++) {
                cursors.add(new NodeCursor(i, nodeResults.get(i), nodeColumnCount));
            }
            // Warnings first: grouping reads (and closes) the node result sets before we return.
            List<java.sql.SQLWarning> warnings = new ArrayList<>();
            for (ResultSet rs : nodeResults) {
                java.sql.SQLWarning w = rs.getWarnings();
                if (w != null) {
                    warnings.add(w);
                }
            }
            RowSource rows = pipeline(spec, cursors, nodeColumns, backend);
            MergedResultSet merged = new MergedResultSet(visibleColumns(spec, nodeColumns, backend), rows, owner,
                    onClose, backend);
            warnings.forEach(merged::addWarning);
            return merged;
        } catch (SQLException | RuntimeException e) {
            for (ResultSet rs : nodeResults) {
                try {
                    rs.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
            }
            if (onClose != null) {
                onClose.run();
            }
            throw e;
        }
    }

    private static RowSource pipeline(MergeSpec spec, List<NodeCursor> cursors, List<ColumnInfo> nodeColumns,
            Backend backend) throws SQLException {
        List<SortKey> orderBy = spec.orderBy() == null ? List.of() : spec.orderBy();
        RowComparator order = orderBy.isEmpty() ? null : new RowComparator(orderBy);
        RowSource rows;
        if (Grouping.applies(spec)) {
            RowSource all = NodeSources.concatenated(cursors);
            List<Object[]> groups = new Grouping(spec, nodeColumns, backend).group(all);
            if (spec.having() != null) {
                groups.removeIf(r -> !spec.having().test(r));
            }
            if (spec.distinct()) {
                java.util.Set<RowKey> seen = new java.util.HashSet<>();
                groups.removeIf(r -> !seen.add(RowKey.ofLeading(r, spec.visibleColumns())));
            }
            if (order != null) {
                groups.sort(order); // List.sort is stable: ties keep the groups' first-seen order
            }
            rows = Stages.of(groups, all);
        } else {
            rows = order == null ? NodeSources.concatenated(cursors) : NodeSources.sorted(cursors, order);
            if (spec.having() != null) {
                rows = Stages.filter(rows, spec.having());
            }
            if (spec.distinct()) {
                boolean adjacent = order != null && order.coversColumns(spec.visibleColumns());
                rows = Stages.distinct(rows, spec.visibleColumns(), adjacent ? order : null);
            }
        }
        return Stages.window(rows, Math.max(0, spec.offset()), spec.limit());
    }

    private static List<ColumnInfo> visibleColumns(MergeSpec spec, List<ColumnInfo> nodeColumns, Backend backend) {
        List<ColumnInfo> visible = new ArrayList<>(spec.visibleColumns());
        Aggregate[] aggregates = spec.aggregates();
        for (int i = 0; i < spec.visibleColumns(); i++) {
            ColumnInfo c = nodeColumns.get(i);
            Aggregate a = aggregates != null && i < aggregates.length ? aggregates[i] : null;
            if (a != null && a.kind() == AggregateKind.AVG) {
                c = AverageRule.columnInfo(c, nodeColumns.get(a.sumColumn()), backend);
            } else if (a != null && a.kind() == AggregateKind.COUNT && c.sqlType() != java.sql.Types.BIGINT) {
                // The merged count is a long whatever the node said; a BIGINT keeps the node's own type name.
                c = c.withType(java.sql.Types.BIGINT, "BIGINT", Long.class.getName(), 64, 0);
            }
            visible.add(c);
        }
        return visible;
    }

    /** A spec that points outside the node rows is a router bug: fail before reading, naming the index. */
    private static void validate(MergeSpec spec, int nodeColumns) throws SQLException {
        if (spec.visibleColumns() < 1 || spec.visibleColumns() > nodeColumns) {
            throw new SQLException("merge spec shows " + spec.visibleColumns() + " columns but the nodes returned "
                    + nodeColumns);
        }
        if (spec.groupBy() != null) {
            for (int c : spec.groupBy()) {
                checkColumn("GROUP BY", c, nodeColumns);
            }
        }
        if (spec.orderBy() != null) {
            for (SortKey k : spec.orderBy()) {
                checkColumn("ORDER BY", k.column(), nodeColumns);
            }
        }
        Aggregate[] aggregates = spec.aggregates();
        if (aggregates != null) {
            if (aggregates.length > nodeColumns) {
                throw new SQLException("merge spec has " + aggregates.length + " aggregates for " + nodeColumns
                        + " node columns");
            }
            for (Aggregate a : aggregates) {
                if (a != null && a.kind() == AggregateKind.AVG) {
                    checkColumn("AVG's SUM", a.sumColumn(), nodeColumns);
                    checkColumn("AVG's COUNT", a.countColumn(), nodeColumns);
                }
            }
        }
        if (spec.limit() < -1) {
            throw new SQLException("merge spec limit must be -1 (none) or >= 0, got " + spec.limit());
        }
    }

    private static void checkColumn(String what, int column, int nodeColumns) throws SQLException {
        if (column < 0 || column >= nodeColumns) {
            throw new SQLException("merge spec " + what + " column " + column + " is outside the node rows (0.."
                    + (nodeColumns - 1) + ")");
        }
    }
}
