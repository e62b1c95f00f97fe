package io.shardwise.router.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The migration engine's part of a logical connection's write path. The driver calls {@link #beforeWrite} before a
 * write runs on a node, and {@link #afterStatement} / {@link #afterTransaction} when the statement or transaction
 * has ended. Not thread-safe: one per logical connection, like the connection itself.
 *
 * <p>What it does, per write to shard S on node N:
 * <ol>
 *   <li>Enters S's gate shared, once per transaction (waits at most migration.freeze-timeout while S is frozen),
 *       and checks that the current topology still routes the write to N (else {@link StaleRouteException}: the
 *       driver routes again).</li>
 *   <li>If S is moving away from N: locks the fence shared and inserts a change-queue record for the key, on the
 *       application's own physical connection, so in the application's transaction. An autocommit statement is
 *       wrapped in a transaction of its own for this ({@link #afterStatement} commits it).</li>
 * </ol>
 * The gates are released when the transaction ends, never at statement end: a queue record not yet committed is
 * invisible to the cutover's drain.
 */
public final class MigrationWriteSession {
    private static final ConcurrentHashMap<String, NodeDialect> DIALECTS = new ConcurrentHashMap<>();

    private final MigrationEngine engine;
    private final long freezeTimeoutNanos;
    private final int stripeSeed = System.identityHashCode(this);
    private final List<ShardGate> held = new ArrayList<>(4);
    private final List<Long> fenced = new ArrayList<>(2);
    private final List<Connection> wrapped = new ArrayList<>(2);

    public MigrationWriteSession(MigrationEngine engine) {
        this.engine = engine;
        this.freezeTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(engine.settings().freezeTimeoutMillis());
    }

    /**
     * Before a write of one shard-key value runs on {@code physical}.
     *
     * @param node     the node the statement was routed to
     * @param physical the logical connection's physical connection to that node
     * @param shardId  the shard the key belongs to
     * @param table    the table written (recorded for inspection)
     * @param key      the shard-key value
     * @param point    the key's point
     * @param op       INSERT, UPDATE or DELETE (recorded for inspection)
     * @param sql      the statement text (recorded for inspection; may be null)
     */
    public void beforeWrite(String node, Connection physical, int shardId, String table, Object key, long point,
                            String op, String sql) throws SQLException {
        ShardGate gate = enter(node, shardId, point, true);
        ShardGate.ActiveMigration m = gate.migration();
        if (m != null && m.source().equals(node)) {
            record(physical, m, table, key, op, sql);
        }
    }

    /**
     * Before a write that names no shard key runs on {@code node} (it may touch every shard of the group there):
     * enters the gates of all of the group's shards on the node, and marks every shard moving away from the node
     * for a full re-copy (docs/migration.md: why mark dirty rather than refuse).
     *
     * @param shardsOnNode the ids of the group's shards owned by {@code node} in the topology the statement was
     *                     routed with
     */
    public void beforeKeylessWrite(String node, Connection physical, int[] shardsOnNode, String table, String sql)
            throws SQLException {
        for (int shardId : shardsOnNode) {
            ShardGate gate = enter(node, shardId, 0, false);
            ShardGate.ActiveMigration m = gate.migration();
            if (m != null && m.source().equals(node)) {
                record(physical, m, table, null, "SHARD", sql);
            }
        }
    }

    private ShardGate enter(String node, int shardId, long point, boolean keyKnown) throws SQLException {
        engine.topology().checkWritable();
        ShardGate gate = engine.gates().gate(shardId);
        for (int i = 0; i < held.size(); i++) {
            if (held.get(i) == gate) {
                return gate;
            }
        }
        gate.enterShared(freezeTimeoutNanos, shardId);
        if (!engine.topology().stillRoutes(shardId, node, point, keyKnown)) {
            gate.exitShared();
            throw new StaleRouteException(shardId, node);
        }
        held.add(gate);
        return gate;
    }

    private void record(Connection physical, ShardGate.ActiveMigration m, String table, Object key, String op,
                        String sql) throws SQLException {
        if (physical.getAutoCommit()) {
            physical.setAutoCommit(false);
            wrapped.add(physical);
        }
        if (!fenced.contains(m.id())) {
            NodeDialect d = DIALECTS.get(m.source());
            if (d == null) {
                d = NodeDialect.of(physical);
                DIALECTS.put(m.source(), d);
            }
            Fence.lockShared(physical, d, m.group(), m.shardId(), m.id(), stripeSeed);
            fenced.add(m.id());
        }
        ChangeQueue.record(physical, m.id(), m.shardId(), m.group(), table, key, op, sql);
    }

    /** Whether this session holds any gate (a transaction with writes is open). */
    public boolean active() {
        return !held.isEmpty();
    }

    /**
     * After a statement of a logical connection in autocommit mode: commits (or on failure rolls back) the
     * transactions this session opened around the statement and its queue records, then releases the gates.
     */
    public void afterStatement(boolean success) throws SQLException {
        SQLException failure = null;
        for (Connection c : wrapped) {
            try {
                if (success) {
                    c.commit();
                } else {
                    c.rollback();
                }
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                }
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is broken; the failure above is reported
                }
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // a broken connection is discarded by its pool
                }
            }
        }
        wrapped.clear();
        afterTransaction();
        if (failure != null) {
            throw failure;
        }
    }

    /** After the logical transaction committed or rolled back on every node (and on close): releases the gates. */
    public void afterTransaction() {
        for (int i = 0; i < held.size(); i++) {
            held.get(i).exitShared();
        }
        held.clear();
        fenced.clear();
    }
}
