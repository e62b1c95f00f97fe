package io.shardwise.driver.merge;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One node's result set read row by row into {@code Object[]}s. Closes the node's result set as soon as it is
 * exhausted, so a long merge does not hold finished cursors open.
 */
final class NodeCursor {

    final int nodeIndex;
    private final ResultSet rs;
    private final int columns;
    private Object[] row;
    private boolean closed;

    NodeCursor(int nodeIndex, ResultSet rs, int columns) {
        this.nodeIndex = nodeIndex;
        this.rs = rs;
        this.columns = columns;
    }

    /** Moves to the next row; false (and the cursor closed) at the end. */
    boolean advance() throws SQLException {
        if (closed) {
            row = null;
            return false;
        }
        if (!rs.next()) {
            row = null;
            close();
            return false;
        }
        Object[] r = new Object[columns];
        for (int i = 0; i < columns; i++) {
            r[i] = rs.getObject(i + 1);
        }
        row = r;
        return true;
    }

    Object[] row() {
        return row;
    }

    void close() throws SQLException {
        if (!closed) {
            closed = true;
            rs.close();
        }
    }
}
