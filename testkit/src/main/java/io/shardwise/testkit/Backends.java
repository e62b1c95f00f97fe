package io.shardwise.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Entry point for tests that need real PostgreSQL or MariaDB servers.
 *
 * <pre>{@code
 * List<TestDatabase> nodes = Backends.postgresDatabases(3, "routing"); // one fresh database on each of 3 servers
 * }</pre>
 *
 * <p>Servers are started once per JVM on first demand and shared by every test; each test works in databases of
 * its own. On a platform without server binaries the calling test is skipped with a loud message; on a supported
 * platform a server that cannot start fails the test.
 */
public final class Backends {
    static {
        // The server libraries log every line of their processes' output at INFO; keep test logs readable
        // (slf4j-simple reads these when the loggers are created; a value set by the user wins).
        quietLogger("ch.vorburger");
        quietLogger("io.zonky.test");
    }

    private static final ServerPool<PostgresServer> POSTGRES =
            new ServerPool<>(BackendKind.POSTGRESQL, PostgresServer::startNew);
    private static final ServerPool<MariaDbServer> MARIADB =
            new ServerPool<>(BackendKind.MARIADB, MariaDbServer::startNew);

    private Backends() {
    }

    /** The first {@code n} shared PostgreSQL servers. Do not stop them: other tests use them too. */
    public static List<PostgresServer> postgres(int n) {
        return POSTGRES.first(n);
    }

    /** The first {@code n} shared MariaDB servers. Do not stop them: other tests use them too. */
    public static List<MariaDbServer> mariadb(int n) {
        return MARIADB.first(n);
    }

    /** A PostgreSQL server for the calling test alone, which may stop and start it at will. */
    public static PostgresServer dedicatedPostgres() {
        return POSTGRES.dedicated();
    }

    /** One fresh database on each of the first {@code n} shared PostgreSQL servers. */
    public static List<TestDatabase> postgresDatabases(int n, String prefix) {
        return databases(postgres(n), prefix);
    }

    /** One fresh schema on each of the first {@code n} shared MariaDB servers. */
    public static List<TestDatabase> mariadbDatabases(int n, String prefix) {
        return databases(mariadb(n), prefix);
    }

    private static void quietLogger(String name) {
        String key = "org.slf4j.simpleLogger.log." + name;
        if (System.getProperty(key) == null) {
            System.setProperty(key, "warn");
        }
    }

    private static List<TestDatabase> databases(List<? extends BackendServer> servers, String prefix) {
        List<TestDatabase> dbs = new ArrayList<>(servers.size());
        for (BackendServer s : servers) {
            dbs.add(s.createDatabase(prefix));
        }
        return dbs;
    }
}
