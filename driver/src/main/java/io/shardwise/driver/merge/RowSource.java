package io.shardwise.driver.merge;

import java.sql.SQLException;

/** A pull-based stream of merged rows: one stage of the merge pipeline. */
interface RowSource {

    /** The next row, or null at the end. */
    Object[] next() throws SQLException;

    /** Releases the node cursors below this stage; idempotent. */
    void close() throws SQLException;
}
