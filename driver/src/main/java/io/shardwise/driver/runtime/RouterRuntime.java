package io.shardwise.driver.runtime;

import io.shardwise.router.config.ClusterSpec;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/** The runtime backed by io.shardwise.router.ShardwiseRouter. */
public final class RouterRuntime {
    private RouterRuntime() {
    }

    public static ClusterRuntime start(ClusterSpec spec) throws SQLException {
        throw new SQLFeatureNotSupportedException("router not integrated yet");
    }

    /** Loads Calcite and the Shardwise parser by parsing sample statements (see ParserWarmup). */
    public static void warmUp() {
        io.shardwise.router.sql.ShardwiseSqlParser.warmUp();
    }
}
