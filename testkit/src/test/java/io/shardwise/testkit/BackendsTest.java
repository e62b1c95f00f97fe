package io.shardwise.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void startsSeveralPostgresServersOnDistinctPortsAndIsolatesDatabases() throws Exception {
        List<PostgresServer> servers = Backends.postgres(3);
        Set<Integer> ports = new HashSet<>();
        for (PostgresServer s : servers) {
            ports.add(s.port());
            assertThat(s.isRunning()).isTrue();
        }
        assertThat(ports).hasSize(3);
        // Asking again returns the same servers: one start per JVM.
        assertThat(Backends.postgres(2)).containsExactlyElementsOf(servers.subList(0, 2));

        List<TestDatabase> a = Backends.postgresDatabases(3, "iso_a");
        List<TestDatabase> b = Backends.postgresDatabases(3, "iso_b");
        for (int i = 0; i < 3; i++) {
            try (Connection c = a.get(i).connect(); Statement s = c.createStatement()) {
                assertThat(scalar(s, "SELECT current_setting('server_version_num')::int")).isGreaterThanOrEqualTo(180000);
                assertThat(scalar(s, "SELECT inet_server_port()")).isEqualTo(servers.get(i).port());
                s.execute("CREATE TABLE t (id int PRIMARY KEY)");
                s.execute("INSERT INTO t VALUES (" + i + ")");
                assertThat(scalar(s, "SELECT current_setting('max_prepared_transactions')::int")).isPositive();
            }
            try (Connection c = b.get(i).connect(); Statement s = c.createStatement()) {
                assertThat(scalar(s, "SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isZero();
            }
        }
    }

    @Test
    void startsSeveralMariaDbServersAndIsolatesSchemas() throws Exception {
        List<MariaDbServer> servers = Backends.mariadb(2);
        assertThat(servers.get(0).port()).isNotEqualTo(servers.get(1).port());
        List<TestDatabase> a = Backends.mariadbDatabases(2, "iso_a");
        List<TestDatabase> b = Backends.mariadbDatabases(2, "iso_b");
        for (int i = 0; i < 2; i++) {
            try (Connection c = a.get(i).connect(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT VERSION()")) {
                    rs.next();
                    assertThat(rs.getString(1)).contains("MariaDB");
                }
                assertThat(scalar(s, "SELECT @@port")).isEqualTo(servers.get(i).port());
                s.execute("CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
                s.execute("INSERT INTO t (v) VALUES (1), (2)");
                assertThat(scalar(s, "SELECT COUNT(*) FROM t")).isEqualTo(2);
            }
            try (Connection c = b.get(i).connect(); Statement s = c.createStatement()) {
                assertThat(scalar(s, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"))
                        .isZero();
            }
        }
    }

    @Test
    void aDedicatedPostgresServerStopsAndComesBackWithItsData() throws Exception {
        PostgresServer server = Backends.dedicatedPostgres();
        TestDatabase db = server.createDatabase("restart");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v text)");
            s.execute("INSERT INTO kept VALUES ('survives')");
        }
        server.stop();
        assertThat(server.isRunning()).isFalse();
        assertThatThrownBy(db::connect).isInstanceOf(SQLException.class);

        server.start();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("survives");
        }
        server.stop();
    }

    @Test
    void refusesUnsafeDatabaseNames() {
        assertThatThrownBy(() -> DatabaseNames.next("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("database prefix");
        assertThat(DatabaseNames.next("Ok_1")).startsWith("ok_1_");
    }

    private static int scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }
}
