package io.shardwise.driver.runtime;

import io.shardwise.router.config.ClusterSpec;
import java.sql.SQLException;

/** Starts the runtime of a configuration: node pools, topology, plan cache. */
@FunctionalInterface
public interface ClusterRuntimeFactory {
    ClusterRuntime start(ClusterSpec spec) throws SQLException;

    /** Starts with the configuration's online-migration knobs; factories that have no migrations ignore them. */
    default ClusterRuntime start(ClusterSpec spec, io.shardwise.router.migration.MigrationSettings migration)
            throws SQLException {
        return start(spec);
    }

    /** Starts with the migration and profiler knobs; factories without a profiler ignore the latter. */
    default ClusterRuntime start(ClusterSpec spec, io.shardwise.router.migration.MigrationSettings migration,
                                 io.shardwise.router.ProfilerSettings profiler) throws SQLException {
        return start(spec, migration);
    }
}
