package io.shardwise.router.node;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shardwise.router.config.NodeSpec;
import io.shardwise.router.config.Redaction;
import io.shardwise.router.keys.KeyStride;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * One HikariCP pool per node, created at start. A node that cannot be reached fails the start with an SQLException
 * naming the node and its URL without credentials; pools already opened are closed again.
 */
public final class NodePools implements AutoCloseable {
    private final Map<String, HikariDataSource> pools;
    private final Map<String, DataSource> view;

    /**
     * HikariCP's connectionTimeout when the user sets none ({@code node.<id>.pool.connectionTimeout}): HikariCP's own
     * 30 s would make every statement for a dead node hang half a minute before it fails.
     */
    public static final long DEFAULT_CONNECTION_TIMEOUT_MILLIS = 5_000;

    private NodePools(Map<String, HikariDataSource> pools) {
        this.pools = pools;
        this.view = Collections.unmodifiableMap(new LinkedHashMap<>(pools));
    }

    public static NodePools start(List<NodeSpec> nodes) throws SQLException {
        Map<String, HikariDataSource> pools = new LinkedHashMap<>();
        try {
            List<String> ids = nodes.stream().map(NodeSpec::id).toList();
            for (NodeSpec node : nodes) {
                pools.put(node.id(), open(node, KeyStride.ofNode(ids, node.id(), KeyStride.DEFAULT_STRIDE)));
            }
        } catch (SQLException | RuntimeException e) {
            pools.values().forEach(HikariDataSource::close);
            throw e;
        }
        return new NodePools(pools);
    }

    private static HikariDataSource open(NodeSpec node, KeyStride keys) throws SQLException {
        HikariConfig config;
        try {
            Properties props = node.poolProperties() == null ? new Properties() : node.poolProperties();
            config = new HikariConfig(props);
        } catch (RuntimeException e) {
            throw new SQLException("Invalid pool setting for node " + node.id() + " (node." + node.id()
                    + ".pool.*): " + Secrets.scrub(e.getMessage(), node), "08001");
        }
        config.setJdbcUrl(node.url());
        if (node.user() != null) {
            config.setUsername(node.user());
        }
        if (node.password() != null) {
            config.setPassword(node.password());
        }
        if (node.poolProperties() == null || !node.poolProperties().containsKey("connectionTimeout")) {
            config.setConnectionTimeout(DEFAULT_CONNECTION_TIMEOUT_MILLIS);
        }
        if (config.getPoolName() == null) {
            config.setPoolName("shardwise-" + node.id());
        }
        // MariaDB/MySQL keep AUTO_INCREMENT's step per session: every connection gets the node's key stride, so no
        // two nodes hand out the same id (docs/backends.md). A connectionInitSql of the user's own wins; it must then
        // set auto_increment_increment/offset itself.
        String keyInit = keys.sessionInitSqlForUrl(node.url());
        if (keyInit != null && config.getConnectionInitSql() == null) {
            config.setConnectionInitSql(keyInit);
        }
        try {
            // initializationFailTimeout (default 1 ms) makes the constructor connect once and fail fast.
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw unreachable(node, e);
        }
    }

    /** The exception for a node that cannot be reached: no password, no URL parameters, cause scrubbed too. */
    static SQLException unreachable(NodeSpec node, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = Secrets.scrub(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage(),
                node);
        String state = root instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() : "08001";
        SQLException out = new SQLException("Cannot connect to node " + node.id() + " (" + Redaction.url(node.url())
                + "): " + reason, state);
        // Keep where it failed without keeping the driver's message, which may quote the URL or credentials.
        out.setStackTrace(root.getStackTrace());
        return out;
    }

    /** The pools by node id, in configuration order. */
    public Map<String, DataSource> dataSources() {
        return view;
    }

    public DataSource dataSource(String node) {
        return pools.get(node);
    }

    public List<String> nodeIds() {
        return new ArrayList<>(pools.keySet());
    }

    @Override
    public void close() {
        pools.values().forEach(HikariDataSource::close);
    }
}
