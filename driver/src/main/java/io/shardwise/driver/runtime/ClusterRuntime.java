package io.shardwise.driver.runtime;

import io.shardwise.ShardInfo;
import io.shardwise.router.ShardwiseRouter;
import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.plan.ParameterSource;
import io.shardwise.router.plan.Route;
import io.shardwise.router.plan.StatementPlan;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the JDBC surface needs from a running cluster: plans, node pools, the shard listing and the access record.
 * One instance per distinct configuration, shared by all its connections; thread-safe.
 */
public interface ClusterRuntime extends AutoCloseable {

    ClusterSpec spec();

    /** The (cached) plan of a statement text. Parse errors are SQLSyntaxErrorExceptions with a position. */
    StatementPlan plan(String sql) throws SQLException;

    /** The connection pool of a node. */
    DataSource node(String nodeId);

    /**
     * Records one execution of a route for the profiler. {@code params} are the values the route was made with
     * (where the key came from). Cheap and allocation-free.
     */
    void recordExecution(Route route, ParameterSource params, long nanos);

    /** The router behind this runtime, for admin commands that need more than this interface (null in tests). */
    default ShardwiseRouter router() {
        return null;
    }

    /** The two-phase commit coordinator when {@code transactions=2pc}; null for best-effort commits. */
    default io.shardwise.driver.twophase.TwoPhaseCommits twoPhase() {
        return null;
    }

    /** Every shard of every group, for SHOW SHARDWISE SHARDS. */
    List<ShardInfo> shards() throws SQLException;

    @Override
    void close();
}
