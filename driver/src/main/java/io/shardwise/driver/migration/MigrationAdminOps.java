package io.shardwise.driver.migration;

import io.shardwise.MigrationInfo;
import io.shardwise.ShardInfo;
import io.shardwise.ShardVerification;
import io.shardwise.driver.runtime.ClusterRuntime;
import io.shardwise.router.ShardwiseRouter;
import io.shardwise.router.migration.MigrationEngine;
import io.shardwise.router.migration.MigrationRecord;
import io.shardwise.router.topology.GroupTopology;
import io.shardwise.router.topology.KeyPoints;
import io.shardwise.router.topology.Shard;
import io.shardwise.router.topology.ShardState;
import io.shardwise.router.topology.ShardingStrategy;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;

/**
 * The migration and layout operations behind {@link io.shardwise.ShardwiseAdmin} and the {@code SHARDWISE ...}
 * admin statements: one implementation, so SQL and Java API behave alike.
 */
public final class MigrationAdminOps {
    private final ShardwiseRouter router;

    private MigrationAdminOps(ShardwiseRouter router) {
        this.router = router;
    }

    public static MigrationAdminOps of(ClusterRuntime runtime) throws SQLException {
        ShardwiseRouter r = runtime.router();
        if (r == null) {
            throw new SQLFeatureNotSupportedException("this cluster runtime has no router: migrations unavailable");
        }
        return new MigrationAdminOps(r);
    }

    /** SHARDWISE SPLIT SHARD id AT value: RANGE groups split at a key value, HASH groups at a hash point. */
    public ShardInfo split(long shardId, Object at) throws SQLException {
        Shard s = shard(shardId);
        long point = toPoint(at, "split point");
        return info(router.layout().split(s.id(), point));
    }

    /** SHARDWISE PIN KEY value IN GROUP g. */
    public ShardInfo pin(String group, Object key) throws SQLException {
        return info(router.layout().pin(group, key));
    }

    /** SHARDWISE MERGE SHARDS a, b. */
    public ShardInfo merge(long a, long b) throws SQLException {
        return info(router.layout().merge(shard(a).id(), shard(b).id()));
    }

    /** SHARDWISE MOVE SHARD id TO node: waits until the owner flipped (or the move failed). */
    public MigrationInfo move(long shardId, String node) throws SQLException {
        MigrationRecord r = engine().move(shard(shardId).id(), node);
        return info(r);
    }

    /** SHARDWISE MOVE SHARD id TO node ASYNC: returns at once. */
    public MigrationInfo moveAsync(long shardId, String node) throws SQLException {
        return info(engine().start(shard(shardId).id(), node));
    }

    public List<MigrationInfo> migrations() {
        List<MigrationInfo> out = new ArrayList<>();
        for (MigrationRecord r : engine().migrations()) {
            out.add(info(r));
        }
        return out;
    }

    public MigrationInfo cancel(long id) throws SQLException {
        return info(engine().cancel(id));
    }

    public ShardVerification verify(long shardId) throws SQLException {
        MigrationEngine.VerifyReport v = engine().verify(shard(shardId).id());
        return new ShardVerification(v.shardId(), v.source(), v.target(), v.sourceRows(), v.targetRows(),
                v.sourceChecksum(), v.targetChecksum(), v.matches(), v.mismatches());
    }

    private MigrationEngine engine() {
        return router.migrations();
    }

    private Shard shard(long id) throws SQLException {
        Shard s = id > Integer.MAX_VALUE || id < 0 ? null : router.topology().shard((int) id);
        if (s == null) {
            throw new SQLException("no shard " + id + " (SHOW SHARDWISE SHARDS lists them)", "22023");
        }
        return s;
    }

    private static long toPoint(Object v, String what) throws SQLException {
        try {
            return KeyPoints.rangePoint(v);
        } catch (SQLException e) {
            throw new SQLException("the " + what + " must be an integral number: " + v, "22023", e);
        }
    }

    static ShardInfo info(Shard s) {
        String state = s.state() == ShardState.STABLE ? "STABLE" : s.state() + "->" + s.targetNode();
        return new ShardInfo(s.group(), s.id(), s.describeKeys(), s.node(), state, s.version());
    }

    static MigrationInfo info(MigrationRecord r) {
        MigrationRecord.Snapshot s = r.snapshot();
        return new MigrationInfo(s.id(), s.shardId(), s.group(), s.from(), s.to(), s.state().name(), s.rowsCopied(),
                s.backlog(), s.elapsedMillis(), s.freezeMillis(), s.error());
    }

    /** A key value as the group's strategy expects it (RANGE: integral; HASH: as written). */
    public static Object keyValue(ShardwiseRouter router, String group, Object literal) throws SQLException {
        GroupTopology g = router.topology().group(group);
        if (g == null) {
            throw new SQLException("no group named '" + group + "' (groups: " + router.topology().groups().keySet()
                    + ")", "22023");
        }
        if (g.strategy() == ShardingStrategy.RANGE && literal instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new SQLException("group " + group + " is range-sharded: the key must be an integer, not '" + s
                        + "'", "22023");
            }
        }
        return literal;
    }
}
