package io.shardwise;

import io.shardwise.driver.config.ConfigKeys;
import io.shardwise.driver.config.ConfigSource;
import io.shardwise.driver.jdbc.LogicalConnection;
import io.shardwise.driver.runtime.ParserWarmup;
import io.shardwise.driver.runtime.RouterRuntime;
import io.shardwise.driver.runtime.RuntimeHandle;
import io.shardwise.driver.runtime.RuntimeRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The Shardwise JDBC driver: {@code jdbc:shardwise:file:<path>}, {@code jdbc:shardwise:classpath:<resource>} or
 * {@code jdbc:shardwise:} with every setting in the connection Properties. See README.md for the settings.
 */
public final class ShardwiseDriver implements Driver {
    public static final String NAME = "Shardwise";
    public static final String VERSION;
    public static final int MAJOR_VERSION;
    public static final int MINOR_VERSION;

    private static final RuntimeRegistry REGISTRY = new RuntimeRegistry(RouterRuntime.FACTORY);

    static {
        String version = "unknown";
        try (InputStream in = ShardwiseDriver.class.getResourceAsStream("/io/shardwise/driver/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                version = p.getProperty("version", version);
            }
        } catch (IOException ignored) {
            // the version is informational
        }
        VERSION = version;
        String[] parts = version.split("[.-]");
        MAJOR_VERSION = parseOr(parts, 0);
        MINOR_VERSION = parseOr(parts, 1);
        ParserWarmup.start(RouterRuntime::warmUp);
        try {
            DriverManager.registerDriver(new ShardwiseDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static int parseOr(String[] parts, int i) {
        try {
            return i < parts.length ? Integer.parseInt(parts[i]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The registry every connection of this class loader shares (DriverManager and DataSources alike). */
    static RuntimeRegistry registry() {
        return REGISTRY;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null; // JDBC: not our URL, let DriverManager try the next driver
        }
        ConfigSource source = ConfigSource.load(url, info, Thread.currentThread().getContextClassLoader());
        RuntimeHandle handle = REGISTRY.acquireForDriver(source);
        ParserWarmup.await();
        return new LogicalConnection(handle);
    }

    static Connection connect(RuntimeHandle handle) {
        ParserWarmup.await();
        return new LogicalConnection(handle);
    }

    @Override
    public boolean acceptsURL(String url) {
        return ConfigSource.accepts(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        String[][] keys = {
            {ConfigKeys.NODES, "comma-separated node ids (required)"},
            {"node.<id>.url", "JDBC URL of a node (required per node)"},
            {ConfigKeys.USER, "credentials for nodes that name none"},
            {ConfigKeys.PASSWORD, "credentials for nodes that name none"},
            {ConfigKeys.DEFAULT_NODE, "node for plain tables (default: the first node)"},
            {ConfigKeys.REFERENCE_TABLES, "tables copied to every node"},
            {ConfigKeys.METADATA_DIR, "where the topology is persisted"},
            {ConfigKeys.METADATA, "zookeeper://host:port[,host:port]/chroot: topology shared by many instances"},
            {ConfigKeys.SQL_DIALECT, "h2, postgresql or mysql (default: from the default node's URL)"},
        };
        DriverPropertyInfo[] out = new DriverPropertyInfo[keys.length];
        for (int i = 0; i < keys.length; i++) {
            String value = info == null || ConfigKeys.isSecret(keys[i][0]) ? null : info.getProperty(keys[i][0]);
            out[i] = new DriverPropertyInfo(keys[i][0], value);
            out[i].description = keys[i][1];
            out[i].required = i < 2;
        }
        return out;
    }

    @Override
    public int getMajorVersion() {
        return MAJOR_VERSION;
    }

    @Override
    public int getMinorVersion() {
        return MINOR_VERSION;
    }

    @Override
    public boolean jdbcCompliant() {
        return false; // not every statement can be routed, so not every JDBC/SQL-92 feature is available
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("io.shardwise");
    }
}
