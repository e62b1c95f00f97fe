package io.shardwise.router.plan;

import java.sql.SQLException;
import java.util.List;

/**
 * The columns of a table, in order, as the database has them: needed to place columns of {@code SELECT *} when a
 * multi-node merge must know where a sort or group column is. Null result: the table does not exist.
 */
public interface ColumnLookup {
    ColumnLookup NONE = table -> null;

    List<String> columns(String table) throws SQLException;

    /** Forgets what it knows (after DDL). */
    default void invalidate() {
    }
}
