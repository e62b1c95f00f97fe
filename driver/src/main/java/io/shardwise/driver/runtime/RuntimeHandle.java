package io.shardwise.driver.runtime;

import io.shardwise.router.config.Redaction;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A started runtime as connections see it, plus what they would otherwise each ask the default node for.
 */
public final class RuntimeHandle {
    private final ClusterRuntime runtime;
    private final String displayUrl;
    private volatile int defaultIsolation = -1;

    RuntimeHandle(ClusterRuntime runtime, String url) {
        this.runtime = runtime;
        this.displayUrl = Redaction.url(url);
    }

    public ClusterRuntime runtime() {
        return runtime;
    }

    /** The Shardwise URL with anything that could carry a secret removed. */
    public String displayUrl() {
        return displayUrl;
    }

    /** The default node's default isolation level, asked once per runtime. */
    public int defaultIsolation() throws SQLException {
        int level = defaultIsolation;
        if (level < 0) {
            try (Connection c = runtime.node(runtime.spec().defaultNode()).getConnection()) {
                level = c.getTransactionIsolation();
            }
            defaultIsolation = level;
        }
        return level;
    }
}
