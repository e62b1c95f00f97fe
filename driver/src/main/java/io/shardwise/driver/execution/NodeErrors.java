package io.shardwise.driver.execution;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

/**
 * Makes a lost node visible in the error the application gets. A JDBC driver reports a dead server as "Connection
 * is closed" or "terminating connection due to administrator command", which does not say which of several nodes
 * went away; the application (and whoever reads its log) needs the node's id. Only connection failures are
 * reworded: a constraint violation or a syntax error stays exactly as the node reported it.
 */
public final class NodeErrors {
    private NodeErrors() {
    }

    public static SQLException named(String node, SQLException e) {
        if (!isConnectionFailure(e) || e.getMessage() != null && e.getMessage().startsWith("Node " + node + " ")) {
            return e;
        }
        SQLException named = new SQLNonTransientConnectionException("Node " + node + " is unreachable or lost its "
                + "connection: " + e.getMessage() + ". Statements that need other nodes still work; the node's pool "
                + "reconnects by itself when it is back", e.getSQLState() == null ? "08006" : e.getSQLState(), e);
        return named;
    }

    /** SQLState class 08 (connection exception), PostgreSQL's 57P01-57P03 (shutdown), or a closed connection. */
    static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
            return true;
        }
        String m = e.getMessage();
        return m != null && (m.contains("Connection is closed") || m.contains("connection has been closed"));
    }
}
