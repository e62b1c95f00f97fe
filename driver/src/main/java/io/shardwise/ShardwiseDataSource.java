package io.shardwise;

import io.shardwise.driver.config.ConfigSource;
import io.shardwise.driver.runtime.RuntimeHandle;
import java.io.Closeable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A Shardwise DataSource with bean setters: usable from Spring, and as HikariCP's {@code dataSourceClassName}
 * ({@code dataSource.url=jdbc:shardwise:classpath:shardwise.properties}, {@code dataSource.user=...}). The
 * runtime (node pools, topology) starts with the first connection and stops when the DataSource is closed (or at
 * JVM shutdown).
 */
public class ShardwiseDataSource implements DataSource, Closeable {
    private String url;
    private final Properties properties = new Properties();
    private PrintWriter logWriter;
    private int loginTimeout;
    private final Map<String, RuntimeHandle> handles = new HashMap<>();
    private boolean closed;

    public ShardwiseDataSource() {
    }

    public ShardwiseDataSource(String url) {
        this.url = url;
    }

    public String getUrl() {
        return url;
    }

    /** {@code jdbc:shardwise:file:...}, {@code jdbc:shardwise:classpath:...} or {@code jdbc:shardwise:}. */
    public synchronized void setUrl(String url) {
        this.url = url;
    }

    /** Same as {@code setUrl("jdbc:shardwise:file:" + path)}. */
    public synchronized void setConfigFile(String path) {
        this.url = ConfigSource.PREFIX + "file:" + Path.of(path).toAbsolutePath();
    }

    public String getConfigFile() {
        return url != null && url.startsWith(ConfigSource.PREFIX + "file:")
                ? url.substring((ConfigSource.PREFIX + "file:").length()) : null;
    }

    public synchronized void setUser(String user) {
        properties.setProperty("user", user);
    }

    public String getUser() {
        return properties.getProperty("user");
    }

    public synchronized void setPassword(String password) {
        properties.setProperty("password", password);
    }

    /** Settings laid over the URL's properties file (the same keys as the file). */
    public synchronized void setProperties(Properties settings) {
        for (String key : settings.stringPropertyNames()) {
            properties.setProperty(key, settings.getProperty(key));
        }
    }

    /** One setting, e.g. {@code setProperty("nodes", "n1,n2")}. */
    public synchronized void setProperty(String key, String value) {
        properties.setProperty(key, value);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return ShardwiseDriver.connect(handle(properties));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties p;
        synchronized (this) {
            p = new Properties();
            p.putAll(properties);
        }
        if (username != null) {
            p.setProperty("user", username);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return ShardwiseDriver.connect(handle(p));
    }

    private synchronized RuntimeHandle handle(Properties settings) throws SQLException {
        if (closed) {
            throw new SQLException("The Shardwise DataSource is closed", "08003");
        }
        String effectiveUrl = url != null ? url : ConfigSource.PREFIX;
        ConfigSource source = ConfigSource.load(effectiveUrl, settings,
                Thread.currentThread().getContextClassLoader());
        String identity = source.identity();
        RuntimeHandle h = handles.get(identity);
        if (h == null) {
            h = ShardwiseDriver.registry().acquireForDataSource(source);
            handles.put(identity, h);
        }
        return h;
    }

    /** Stops the runtimes this DataSource started, unless other DataSources or DriverManager still use them. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RuntimeHandle> all = new ArrayList<>(handles.values());
        handles.clear();
        for (RuntimeHandle h : all) {
            ShardwiseDriver.registry().release(h);
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("io.shardwise");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
