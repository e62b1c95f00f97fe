package io.shardwise.driver.runtime;

import io.shardwise.ShardInfo;
import io.shardwise.router.ShardRow;
import io.shardwise.router.ShardwiseRouter;
import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.plan.ParameterSource;
import io.shardwise.router.plan.Route;
import io.shardwise.router.plan.StatementPlan;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The cluster runtime backed by the router: its plan cache, node pools, topology and execution recorder. */
public final class RouterRuntime implements ClusterRuntime {
    private final ShardwiseRouter router;
    private final Map<String, DataSource> nodes;
    private final io.shardwise.driver.twophase.TwoPhaseCommits twoPhase;

    private RouterRuntime(ShardwiseRouter router) throws SQLException {
        this.router = router;
        this.nodes = router.nodes();
        try {
            // transactions=2pc: recovery of the in-doubt transactions a previous run left runs here, at start.
            this.twoPhase = router.spec().twoPhaseCommit()
                    ? io.shardwise.driver.twophase.TwoPhaseCommits.start(router.spec().metadataDir(), nodes) : null;
        } catch (SQLException | RuntimeException e) {
            router.close();
            throw e;
        }
    }

    public static ClusterRuntime start(ClusterSpec spec) throws SQLException {
        return new RouterRuntime(ShardwiseRouter.start(spec));
    }

    /** The driver's factory: starts the router with the configuration's migration knobs. */
    public static final ClusterRuntimeFactory FACTORY = new ClusterRuntimeFactory() {
        @Override
        public ClusterRuntime start(ClusterSpec spec) throws SQLException {
            return RouterRuntime.start(spec);
        }

        @Override
        public ClusterRuntime start(ClusterSpec spec, io.shardwise.router.migration.MigrationSettings migration)
                throws SQLException {
            return new RouterRuntime(ShardwiseRouter.start(spec, migration));
        }

        @Override
        public ClusterRuntime start(ClusterSpec spec, io.shardwise.router.migration.MigrationSettings migration,
                                    io.shardwise.router.ProfilerSettings profiler) throws SQLException {
            return new RouterRuntime(ShardwiseRouter.start(spec, migration, profiler));
        }
    };

    /** Loads Calcite and the Shardwise parser by parsing sample statements (see ParserWarmup). */
    public static void warmUp() {
        io.shardwise.router.sql.ShardwiseSqlParser.warmUp();
    }

    @Override
    public ShardwiseRouter router() {
        return router;
    }

    @Override
    public io.shardwise.driver.twophase.TwoPhaseCommits twoPhase() {
        return twoPhase;
    }

    @Override
    public ClusterSpec spec() {
        return router.spec();
    }

    @Override
    public StatementPlan plan(String sql) throws SQLException {
        return router.plan(sql);
    }

    @Override
    public DataSource node(String nodeId) {
        return nodes.get(nodeId);
    }

    @Override
    public void recordExecution(Route route, ParameterSource params, long nanos) {
        router.recordExecution(route, params, nanos);
    }

    @Override
    public List<ShardInfo> shards() {
        List<ShardRow> rows = router.shardRows();
        List<ShardInfo> out = new ArrayList<>(rows.size());
        // row estimates per shard (online migration's pre-split planning needs them; docs/migration.md)
        Map<Integer, Long> estimates = io.shardwise.router.migration.ShardRowEstimator.estimate(router.topology(),
                List.copyOf(router.spec().tables().values()), node -> nodes.get(node).getConnection());
        for (ShardRow r : rows) {
            out.add(new ShardInfo(r.group(), r.shardId(), r.keys(), r.node(), r.state(), r.version(),
                    estimates.getOrDefault(r.shardId(), -1L)));
        }
        return out;
    }

    @Override
    public void close() {
        try {
            if (twoPhase != null) {
                twoPhase.close();
            }
        } catch (SQLException e) {
            // the log's file channel: nothing more to do at shutdown
        }
        try {
            router.close();
        } catch (SQLException e) {
            // Closing pools and the metadata store at shutdown: nothing more to do with a failure here.
        }
    }
}
