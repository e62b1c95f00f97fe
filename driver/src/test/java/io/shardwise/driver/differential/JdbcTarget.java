package io.shardwise.driver.differential;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Sends each statement's SQL text, unchanged, over one JDBC connection (plain H2, or the Shardwise driver). */
final class JdbcTarget implements Target {

    private final String name;
    private final Connection connection;
    private final Statement statement;

    JdbcTarget(String name, Connection connection) throws SQLException {
        this.name = name;
        this.connection = connection;
        this.statement = connection.createStatement();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Outcome run(Operation op) throws SQLException {
        if (op.prepared() != null) {
            try (java.sql.PreparedStatement ps = connection.prepareStatement(op.prepared().sql())) {
                Object[] params = op.prepared().params();
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                return op instanceof Operation.Query ? Outcome.read(ps.executeQuery())
                        : Outcome.updated(ps.executeUpdate());
            }
        }
        if (op instanceof Operation.Query q) {
            return Outcome.read(statement.executeQuery(q.sql()));
        }
        return Outcome.updated(statement.executeUpdate(op.sql()));
    }

    void execute(String sql) throws SQLException {
        statement.execute(sql);
    }

    @Override
    public void close() throws SQLException {
        statement.close();
        connection.close();
    }
}
