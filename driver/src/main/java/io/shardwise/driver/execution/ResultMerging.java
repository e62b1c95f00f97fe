package io.shardwise.driver.execution;

import io.shardwise.driver.merge.ResultSetMerger;
import io.shardwise.router.plan.MergeSpec;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Hands the result sets of a statement that ran on several nodes to the merge code. */
public final class ResultMerging {
    private ResultMerging() {
    }

    /**
     * Merges per {@code spec}; a null spec (nothing to combine) concatenates the nodes' rows. {@code maxRows} (0:
     * none) is the application's Statement.setMaxRows, applied to the merged rows.
     */
    public static ResultSet merge(List<ResultSet> parts, MergeSpec spec, Statement owner, long maxRows)
            throws SQLException {
        MergeSpec effective = spec != null ? spec : concatenation(parts.get(0).getMetaData());
        return ResultSetMerger.merge(parts, limitTo(effective, maxRows), owner);
    }

    /** Rows of every part, one part after another: e.g. generated keys from several nodes. */
    public static MergeSpec concatenation(ResultSetMetaData md) throws SQLException {
        return new MergeSpec(md.getColumnCount(), null, null, null, false, List.of(), 0, -1);
    }

    /** The same merge, with at most {@code maxRows} rows (Statement.setMaxRows) when that is tighter. */
    public static MergeSpec limitTo(MergeSpec spec, long maxRows) {
        if (maxRows <= 0 || (spec.limit() >= 0 && spec.limit() <= maxRows)) {
            return spec;
        }
        return new MergeSpec(spec.visibleColumns(), spec.aggregates(), spec.groupBy(), spec.having(),
                spec.distinct(), spec.orderBy(), spec.offset(), maxRows);
    }
}
