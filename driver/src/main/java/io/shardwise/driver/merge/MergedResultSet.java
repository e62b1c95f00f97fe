package io.shardwise.driver.merge;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The application's view of a multi-node query: rows pulled from the merge pipeline on demand. */
final class MergedResultSet extends RowResultSet {

    private final RowSource rows;
    private final Runnable onClose;

    MergedResultSet(List<ColumnInfo> columns, RowSource rows, Statement owner, Runnable onClose, Backend backend) {
        super(columns, owner, backend);
        this.rows = rows;
        this.onClose = onClose;
    }

    @Override
    protected Object[] fetchNextRow() throws SQLException {
        try {
            return rows.next();
        } catch (IllegalArgumentException | ClassCastException e) {
            // The comparator or an aggregate met values it cannot combine: say so instead of a bare runtime error.
            throw new SQLException("cannot merge the nodes' results: " + e.getMessage(), "HY000", e);
        }
    }

    @Override
    protected void closeRows() throws SQLException {
        try {
            rows.close();
        } finally {
            if (onClose != null) {
                onClose.run();
            }
        }
    }
}
