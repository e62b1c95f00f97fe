package io.shardwise.driver.jdbc;

import io.shardwise.driver.merge.ResultSetOwner;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A node's own result set, handed to the application unchanged except that {@link #getStatement()} returns the
 * application's statement, not the node's. Every other method forwards to the node's result set; that forwarding is
 * generated (see {@link GeneratedJdbc}), so this class holds only what differs.
 */
public abstract class StatementOwnedResultSet implements ResultSet {
    protected final ResultSet delegate;
    private final Statement owner;

    protected StatementOwnedResultSet(ResultSet delegate, Statement owner) {
        this.delegate = delegate;
        this.owner = owner;
    }

    @Override
    public void close() throws SQLException {
        try {
            delegate.close();
        } finally {
            if (owner instanceof ResultSetOwner o) {
                o.resultSetClosed(this);
            }
        }
    }

    @Override
    public Statement getStatement() {
        return owner;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "Shardwise result set over " + delegate;
    }
}
