package io.shardwise.driver.jdbc;

import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * A savepoint of a logical connection. {@code node == null}: set before the transaction touched any node, so
 * rolling back to it rolls back everything. Otherwise it is the savepoint of that node's physical connection.
 */
record LogicalSavepoint(int id, String name, String node, Savepoint physical) implements Savepoint {

    @Override
    public int getSavepointId() throws SQLException {
        if (name != null) {
            throw new SQLException("Savepoint '" + name + "' is named; it has no id", "HY024");
        }
        return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (name == null) {
            throw new SQLException("Savepoint " + id + " has no name", "HY024");
        }
        return name;
    }

    @Override
    public String toString() {
        return name != null ? "'" + name + "'" : "#" + id;
    }
}
