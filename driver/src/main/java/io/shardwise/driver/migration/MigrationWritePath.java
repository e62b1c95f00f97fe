package io.shardwise.driver.migration;

import io.shardwise.driver.runtime.ClusterRuntime;
import io.shardwise.router.ShardwiseRouter;
import io.shardwise.router.migration.MigrationWriteSession;
import io.shardwise.router.plan.NodeStatement;
import io.shardwise.router.plan.ParameterSource;
import io.shardwise.router.plan.Route;
import io.shardwise.router.plan.StatementPlan;
import io.shardwise.router.topology.GroupTopology;
import io.shardwise.router.topology.KeyPoints;
import io.shardwise.router.topology.Shard;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The logical connection's side of online migration: before a write runs, tell the migration engine which shard
 * and key it touches (the engine's {@link MigrationWriteSession} holds the shard's write gate until the transaction
 * ends, and, while the shard moves away from the node, adds the change-queue record in the same transaction). One
 * per logical connection; not thread-safe, like the connection.
 *
 * <p>Cost when nothing moves: one topology lookup and one atomic increment per shard per transaction (the gate),
 * which is what lets a migration wait out the transactions that were already writing when it started.
 */
public final class MigrationWritePath {
    /** The logical connection's physical connection to a node (opened on demand). */
    @FunctionalInterface
    public interface Physical {
        Connection get(String node) throws SQLException;
    }

    private final ShardwiseRouter router;
    private MigrationWriteSession session;

    private MigrationWritePath(ShardwiseRouter router) {
        this.router = router;
    }

    /** The write path of a runtime; a no-op for runtimes without a router (unit tests of the JDBC surface). */
    public static MigrationWritePath of(ClusterRuntime runtime) {
        return new MigrationWritePath(runtime == null ? null : runtime.router());
    }

    /**
     * Before a routed statement runs. Throws {@link io.shardwise.router.migration.StaleRouteException} when the
     * topology changed since {@code route} was made (nothing ran: route again), and
     * {@link java.sql.SQLTransientException} when the shard stayed frozen longer than migration.freeze-timeout.
     */
    public void beforeWrite(StatementPlan plan, Route route, ParameterSource params, Physical physical)
            throws SQLException {
        if (router == null || !route.write() || route.group() == null) {
            return;
        }
        GroupTopology g = router.topology().group(route.group());
        if (g == null) {
            return;
        }
        MigrationWriteSession s = session();
        String op = plan.kind().name();
        String group = route.group();
        if (route.hasKey()) {
            Object key = route.keyValue(params);
            if (key != null) {
                long point = KeyPoints.point(g.strategy(), key);
                String node = route.node();
                s.beforeWrite(node, physical.get(node), g.shardFor(point).id(), group, key, point, op, plan.sql());
                return;
            }
        }
        List<Object> keys = plan.writeKeys(params);
        if (keys != null) {
            for (Object key : keys) {
                long point = KeyPoints.point(g.strategy(), key);
                Shard shard = g.shardFor(point);
                s.beforeWrite(shard.node(), physical.get(shard.node()), shard.id(), group, key, point, op, plan.sql());
            }
            return;
        }
        for (NodeStatement ns : route.statements()) {
            s.beforeKeylessWrite(ns.node(), physical.get(ns.node()), shardsOn(g, ns.node()), group, plan.sql());
        }
    }

    private static int[] shardsOn(GroupTopology g, String node) {
        List<Shard> all = g.shards();
        int n = 0;
        for (Shard s : all) {
            if (s.node().equals(node)) {
                n++;
            }
        }
        int[] ids = new int[n];
        int i = 0;
        for (Shard s : all) {
            if (s.node().equals(node)) {
                ids[i++] = s.id();
            }
        }
        return ids;
    }

    private MigrationWriteSession session() {
        if (session == null) {
            session = new MigrationWriteSession(router.migrations());
        }
        return session;
    }

    /**
     * After a statement of a connection in autocommit mode ran (or failed): commits the queue records' transaction
     * (or rolls it back) and releases the shard gates.
     */
    public void afterAutoCommitStatement(boolean success) throws SQLException {
        if (session != null && session.active()) {
            session.afterStatement(success);
        }
    }

    /** After the logical transaction committed or rolled back on every node, and on close. */
    public void afterTransaction() {
        if (session != null) {
            session.afterTransaction();
        }
    }
}
