package io.shardwise.driver.runtime;

import io.shardwise.driver.config.ConfigSource;
import io.shardwise.driver.config.ShardwiseConfig;
import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.config.NodeSpec;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One runtime per distinct effective configuration, shared by every connection made with it. A runtime lives until
 * the JVM shuts down, or until the last {@link io.shardwise.ShardwiseDataSource} holding it is closed (unless
 * {@link java.sql.DriverManager} connections use it too: those have no close signal, so they keep it to the end).
 * Only connect and close take the registry's lock; statements never touch it.
 */
public final class RuntimeRegistry {
    private final ClusterRuntimeFactory factory;
    private final Map<String, Entry> entries = new HashMap<>();

    private static final class Entry {
        final RuntimeHandle handle;
        int dataSourceHolders;
        boolean usedByDriverManager;

        Entry(RuntimeHandle handle) {
            this.handle = handle;
        }
    }

    public RuntimeRegistry(ClusterRuntimeFactory factory) {
        this.factory = factory;
        Thread hook = new Thread(this::closeAll, "shardwise-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** For a DriverManager connection: the runtime stays up until JVM shutdown. */
    public RuntimeHandle acquireForDriver(ConfigSource source) throws SQLException {
        synchronized (entries) {
            Entry e = entry(source);
            e.usedByDriverManager = true;
            return e.handle;
        }
    }

    /** For a DataSource: released by {@link #release} when the DataSource closes. */
    public RuntimeHandle acquireForDataSource(ConfigSource source) throws SQLException {
        synchronized (entries) {
            Entry e = entry(source);
            e.dataSourceHolders++;
            return e.handle;
        }
    }

    public void release(RuntimeHandle handle) {
        RuntimeHandle toClose = null;
        synchronized (entries) {
            for (Map.Entry<String, Entry> me : entries.entrySet()) {
                Entry e = me.getValue();
                if (e.handle == handle) {
                    e.dataSourceHolders--;
                    if (e.dataSourceHolders <= 0 && !e.usedByDriverManager) {
                        entries.remove(me.getKey());
                        toClose = handle;
                    }
                    break;
                }
            }
        }
        if (toClose != null) {
            toClose.runtime().close();
        }
    }

    private Entry entry(ConfigSource source) throws SQLException {
        String identity = source.identity();
        Entry e = entries.get(identity);
        if (e == null) {
            ClusterSpec spec = ShardwiseConfig.parse(source);
            var resharding = ShardwiseConfig.reshardingSettings(source.properties());
            ClusterRuntime runtime;
            try {
                runtime = factory.start(spec, ShardwiseConfig.migrationSettings(source.properties()),
                        ShardwiseConfig.profilerSettings(source.properties()));
            } catch (SQLException | RuntimeException ex) {
                throw Secrets.scrub(ex, spec);
            }
            if (resharding.enabled() && runtime.router() != null) {
                // With a local store this instance leads; with ZooKeeper only the elected leader acts.
                runtime.router().startResharding(resharding, runtime.router().leadership());
            }
            e = new Entry(new RuntimeHandle(runtime, source.url()));
            entries.put(identity, e);
        }
        return e;
    }

    private void closeAll() {
        synchronized (entries) {
            for (Entry e : entries.values()) {
                try {
                    e.handle.runtime().close();
                } catch (RuntimeException ignored) {
                    // shutting down: nothing useful to do with it
                }
            }
            entries.clear();
        }
    }

    /** Removes passwords from what a failed start reports, keeping the rest of the diagnosis. */
    static final class Secrets {
        private Secrets() {
        }

        static SQLException scrub(Exception ex, ClusterSpec spec) {
            String message = describe(ex);
            boolean leaked = false;
            for (NodeSpec n : spec.nodes()) {
                String pw = n.password();
                if (pw != null && pw.length() >= 1) {
                    for (Throwable t = ex; t != null; t = t.getCause()) {
                        if (t.getMessage() != null && t.getMessage().contains(pw)) {
                            leaked = true;
                        }
                    }
                    message = message.replace(pw, "***");
                }
            }
            String sqlState = ex instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() : "08001";
            // Keep the cause for its stack trace only when no message in its chain shows a password.
            return leaked ? new SQLException(message, sqlState) : new SQLException(message, sqlState, ex);
        }

        private static String describe(Exception ex) {
            String m = ex.getMessage();
            return m == null ? ex.getClass().getName() : m;
        }
    }
}
