package io.shardwise.driver.jdbc;

import io.shardwise.driver.runtime.ClusterRuntime;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The physical connections of one logical connection: at most one per node, opened lazily from the node's pool
 * the first time a statement goes there, with the logical connection's autocommit, isolation, read-only and schema
 * applied. Remembers which nodes the current transaction wrote to, so that commit can say exactly what happened.
 * Used by one application thread at a time (like any JDBC connection); scatter execution opens connections on the
 * caller's thread before handing work to other threads.
 */
final class NodeConnections {
    private final ClusterRuntime runtime;
    /** Insertion order = the order the nodes were first touched; commit follows it. */
    private final Map<String, Connection> open = new LinkedHashMap<>();
    private final Set<String> writtenInTransaction = new HashSet<>();
    /** The nodes the current transaction has touched, in order (savepoints are honoured on one node only). */
    private final Set<String> touchedInTransaction = new java.util.LinkedHashSet<>();

    boolean autoCommit = true;
    /** -1: leave the node's default. */
    int isolation = -1;
    boolean readOnly;
    String schema;
    int networkTimeoutMillis;
    Executor networkTimeoutExecutor;

    /** Online migration's part of the write path (shard gates, change-queue records); see MigrationWritePath. */
    final io.shardwise.driver.migration.MigrationWritePath migrationWrites;

    /** Opens a node for writing; one instance per connection so the write path allocates no lambda per write. */
    final io.shardwise.driver.migration.MigrationWritePath.Physical writeConnections = node -> get(node, true);

    NodeConnections(ClusterRuntime runtime) {
        this.runtime = runtime;
        this.migrationWrites = io.shardwise.driver.migration.MigrationWritePath.of(runtime);
    }

    /** The node's physical connection, opened on first use; {@code write} marks the node as written to. */
    Connection get(String node, boolean write) throws SQLException {
        Connection c = open.get(node);
        if (c != null && c.isClosed()) {
            // The pool closed it after a fatal error (the node went away). Outside a transaction on that node, take a
            // fresh one, so the logical connection works again once the node is back; inside one, its work is lost.
            open.remove(node);
            if (!autoCommit && touchedInTransaction.contains(node)) {
                throw new SQLNonTransientConnectionException("Node " + node + " lost its connection during this "
                        + "transaction, so the transaction's work there is gone: roll back and retry", "08003");
            }
            c = null;
        }
        if (c == null) {
            c = openNode(node);
        }
        if (!autoCommit) {
            touchedInTransaction.add(node);
            if (write) {
                writtenInTransaction.add(node);
            }
        }
        return c;
    }

    private Connection openNode(String node) throws SQLException {
        javax.sql.DataSource pool = runtime.node(node);
        if (pool == null) {
            throw new SQLException("Unknown node '" + node + "'", "08003");
        }
        Connection c = pool.getConnection();
        try {
            if (c.getAutoCommit() != autoCommit) {
                c.setAutoCommit(autoCommit);
            }
            if (isolation >= 0) {
                c.setTransactionIsolation(isolation);
            }
            if (readOnly) {
                c.setReadOnly(true);
            }
            if (schema != null) {
                c.setSchema(schema);
            }
            if (networkTimeoutExecutor != null) {
                c.setNetworkTimeout(networkTimeoutExecutor, networkTimeoutMillis);
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        open.put(node, c);
        return c;
    }

    Connection getIfOpen(String node) {
        return open.get(node);
    }

    Set<String> nodes() {
        return open.keySet();
    }

    Iterable<Connection> all() {
        return open.values();
    }

    int size() {
        return open.size();
    }

    /**
     * Commits every node of the transaction. Nodes that were only read commit first (that cannot lose a write),
     * then the written nodes in the order they were first touched. If a commit fails, the written nodes not yet
     * committed are rolled back, and the exception says which nodes committed and which did not. With
     * {@code transactions=2pc} and more than one written node, the written nodes commit atomically instead
     * (PREPARE TRANSACTION on each, a durable decision, COMMIT PREPARED; see TwoPhaseCoordinator).
     */
    void commit() throws SQLException {
        List<String> writeOrder = new ArrayList<>();
        for (Map.Entry<String, Connection> e : open.entrySet()) {
            if (writtenInTransaction.contains(e.getKey())) {
                writeOrder.add(e.getKey());
            } else {
                e.getValue().commit();
            }
        }
        io.shardwise.driver.twophase.TwoPhaseCommits twoPhase = runtime.twoPhase();
        if (twoPhase != null && writeOrder.size() > 1) {
            try {
                Map<String, Connection> written = new LinkedHashMap<>();
                for (String node : writeOrder) {
                    written.put(node, open.get(node));
                }
                twoPhase.commit(written);
                return;
            } finally {
                writtenInTransaction.clear();
                touchedInTransaction.clear();
                migrationWrites.afterTransaction();
            }
        }
        List<String> committed = new ArrayList<>();
        try {
            for (int i = 0; i < writeOrder.size(); i++) {
                String node = writeOrder.get(i);
                try {
                    open.get(node).commit();
                    committed.add(node);
                } catch (SQLException e) {
                    List<String> rolledBack = new ArrayList<>();
                    rolledBack.add(node);
                    for (int j = i + 1; j < writeOrder.size(); j++) {
                        String rest = writeOrder.get(j);
                        try {
                            open.get(rest).rollback();
                            rolledBack.add(rest);
                        } catch (SQLException re) {
                            e.addSuppressed(re);
                        }
                    }
                    try {
                        open.get(node).rollback();
                    } catch (SQLException re) {
                        e.addSuppressed(re);
                    }
                    String message = committed.isEmpty()
                            ? "Commit failed on node " + node + "; nothing was committed (rolled back on "
                                    + rolledBack + "): " + e.getMessage()
                            : "Transaction PARTLY committed: committed on " + committed + ", commit failed on node "
                                    + node + " and rolled back on " + rolledBack
                                    + " (Shardwise commits across nodes one by one, not atomically): "
                                    + e.getMessage();
                    throw new SQLException(message, e.getSQLState(), e.getErrorCode(), e);
                }
            }
        } finally {
            writtenInTransaction.clear();
            touchedInTransaction.clear();
            migrationWrites.afterTransaction();
        }
    }

    /** Rolls back every node; tries all of them even when one fails. */
    void rollback() throws SQLException {
        SQLException failure = null;
        for (Map.Entry<String, Connection> e : open.entrySet()) {
            try {
                e.getValue().rollback();
            } catch (SQLException ex) {
                if (failure == null) {
                    failure = new SQLException("Rollback failed on node " + e.getKey() + ": " + ex.getMessage(),
                            ex.getSQLState(), ex);
                } else {
                    failure.addSuppressed(ex);
                }
            }
        }
        writtenInTransaction.clear();
        touchedInTransaction.clear();
        migrationWrites.afterTransaction();
        if (failure != null) {
            throw failure;
        }
    }

    /** The nodes the current transaction has touched so far, in the order it touched them. */
    Set<String> touched() {
        return touchedInTransaction;
    }

    /** Returns every physical connection to its pool. */
    void closeAll() throws SQLException {
        SQLException failure = null;
        for (Connection c : open.values()) {
            try {
                c.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        open.clear();
        writtenInTransaction.clear();
        touchedInTransaction.clear();
        migrationWrites.afterTransaction();
        if (failure != null) {
            throw failure;
        }
    }

    void abortAll(Executor executor) throws SQLException {
        for (Connection c : open.values()) {
            c.abort(executor);
        }
        open.clear();
        migrationWrites.afterTransaction();
    }
}
