package io.shardwise.router.resharding;

import io.shardwise.router.ShardwiseRouter;
import io.shardwise.router.migration.MigrationRecord;
import io.shardwise.router.migration.MigrationState;
import io.shardwise.router.migration.ShardGate;
import io.shardwise.router.migration.ShardRowEstimator;
import io.shardwise.router.topology.GroupTopology;
import io.shardwise.router.topology.Shard;
import io.shardwise.router.topology.ShardingStrategy;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link ReshardingActions} over one router's {@code ShardLayout} and {@code MigrationEngine}. */
public final class EngineActions implements ReshardingActions {
    private final ShardwiseRouter router;

    public EngineActions(ShardwiseRouter router) {
        this.router = router;
    }

    @Override
    public int split(int shardId, long point) throws SQLException {
        return router.layout().split(shardId, point).id();
    }

    @Override
    public int pin(int groupId, long point) throws SQLException {
        String group = groupName(groupId);
        GroupTopology g = router.topology().group(group);
        if (g.strategy() == ShardingStrategy.HASH) {
            // A hash point cannot be turned back into the key value ShardLayout.pin needs.
            throw new SQLException("pinning a hash point of group " + group + " is not supported by the controller;"
                    + " pin the hot key by value with SHARDWISE PIN KEY");
        }
        return router.layout().pin(group, point).id();
    }

    @Override
    public long startMove(int shardId, String target) throws SQLException {
        return router.migrations().start(shardId, target).id;
    }

    @Override
    public MoveStatus status(long migrationId) {
        MigrationRecord r = router.migrations().migration(migrationId);
        if (r == null) {
            return null;
        }
        MigrationRecord.Snapshot s = r.snapshot();
        MigrationState st = s.state();
        boolean flipped = st == MigrationState.CLEANUP || st == MigrationState.DONE;
        boolean finished = flipped || st == MigrationState.FAILED || st == MigrationState.CANCELLED;
        return new MoveStatus(finished, flipped, s.rowsCopied(), s.elapsedMillis(), s.error());
    }

    @Override
    public Map<String, Integer> activeMigrationsPerNode() {
        Map<String, Integer> out = new HashMap<>();
        for (ShardGate.ActiveMigration m : router.migrations().active()) {
            out.merge(m.source(), 1, Integer::sum);
            out.merge(m.target(), 1, Integer::sum);
        }
        return out;
    }

    @Override
    public long rowsOf(int shardId) {
        Map<Integer, Long> rows = ShardRowEstimator.estimate(router.topology(),
                List.copyOf(router.spec().tables().values()), node -> router.nodes().get(node).getConnection());
        return rows.getOrDefault(shardId, -1L);
    }

    @Override
    public String ownerOf(int shardId) {
        Shard s = router.topology().shard(shardId);
        return s == null ? null : s.node();
    }

    private String groupName(int groupId) throws SQLException {
        for (String name : router.spec().groups().keySet()) {
            if (router.profilerGroupId(name) == groupId) {
                return name;
            }
        }
        throw new SQLException("no group with profiler id " + groupId);
    }
}
