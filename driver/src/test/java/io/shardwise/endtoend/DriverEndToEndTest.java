package io.shardwise.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shardwise.ShardInfo;
import io.shardwise.ShardwiseConnection;
import io.shardwise.ShardwiseDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver with the real router over 2 and 4 H2 nodes: connecting, routing end to end, restarts. */
class DriverEndToEndTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        toClose.add(c);
        return c;
    }

    /** Range-sharded kv table: keys below 100 on n1, from 100 on n2 (two nodes), or 4 ranges over 4 nodes. */
    private H2Cluster cluster(int nodes) {
        H2Cluster cluster = closing(new H2Cluster(nodes));
        cluster.with("table.kv.shard-key", "id").with("group.kv.strategy", "range");
        StringBuilder points = new StringBuilder();
        for (int i = 1; i < nodes; i++) {
            points.append(i > 1 ? "," : "").append(i * 100);
        }
        cluster.with("group.kv.split-points", points.toString());
        return cluster;
    }

    private ShardwiseDataSource dataSource(Properties settings) {
        ShardwiseDataSource ds = closing(new ShardwiseDataSource("jdbc:shardwise:"));
        ds.setProperties(settings);
        return ds;
    }

    @Test
    void rowsLandOnTheNodeThatOwnsTheirKeyAndReadBackThroughTheDriver() throws SQLException {
        for (int nodes : new int[] {2, 4}) {
            H2Cluster cluster = cluster(nodes);
            try (Connection c = dataSource(cluster.settings).getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE kv (id BIGINT PRIMARY KEY, v VARCHAR(20))");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO kv (id, v) VALUES (?, ?)")) {
                    for (long id = 0; id < nodes * 100; id += 10) {
                        ps.setLong(1, id);
                        ps.setString(2, "v" + id);
                        assertThat(ps.executeUpdate()).isEqualTo(1);
                    }
                }
                for (int node = 1; node <= nodes; node++) {
                    List<Long> ids = cluster.ids(node, "SELECT id FROM kv ORDER BY id");
                    long lo = (node - 1) * 100L;
                    assertThat(ids).as("node n%d of %d", node, nodes).hasSize(10)
                            .allSatisfy(id -> assertThat(id).isBetween(lo, lo + 99));
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT v FROM kv WHERE id = ?")) {
                    ps.setLong(1, 130);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("v130");
                    }
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM kv")) {
                    List<Long> all = new ArrayList<>();
                    while (rs.next()) {
                        all.add(rs.getLong(1));
                    }
                    assertThat(all).hasSize(nodes * 10).doesNotHaveDuplicates();
                }
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(id) FROM kv")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(nodes * 10L);
                    assertThat(rs.getLong(2)).isEqualTo(nodes * 100L - 10);
                    assertThat(rs.next()).isFalse();
                }
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT id FROM kv ORDER BY id DESC LIMIT 3 OFFSET 1")) {
                    List<Long> top = new ArrayList<>();
                    while (rs.next()) {
                        top.add(rs.getLong(1));
                    }
                    long max = nodes * 100L - 10;
                    assertThat(top).containsExactly(max - 10, max - 20, max - 30);
                }
                // A plain Statement with a literal key routes like the prepared one.
                try (Statement s = c.createStatement()) {
                    assertThat(s.executeUpdate("UPDATE kv SET v = 'changed' WHERE id = 150")).isEqualTo(1);
                    assertThat(cluster.scalar(2, "SELECT COUNT(*) FROM kv WHERE v = 'changed'")).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void everyUrlFormConnects(@TempDir Path dir) throws Exception {
        H2Cluster cluster = cluster(2);
        // bare URL, every setting in the Properties
        try (Connection c = DriverManager.getConnection("jdbc:shardwise:", cluster.settings)) {
            assertThat(c.unwrap(ShardwiseConnection.class).admin().shards()).hasSize(2);
        }
        // file: URL, given Properties override the file
        Path file = dir.resolve("cluster.properties");
        Properties fileSettings = new Properties();
        fileSettings.putAll(cluster.settings);
        fileSettings.setProperty("node.n2.url", "jdbc:h2:mem:overridden_later;DB_CLOSE_DELAY=-1");
        try (var out = Files.newBufferedWriter(file)) {
            fileSettings.store(out, null);
        }
        Properties override = new Properties();
        override.setProperty("node.n2.url", cluster.urls.get(1));
        try (Connection c = DriverManager.getConnection("jdbc:shardwise:file:" + file, override);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kv (id BIGINT PRIMARY KEY, v VARCHAR(20))");
            s.executeUpdate("INSERT INTO kv (id, v) VALUES (150, 'x')");
        }
        assertThat(cluster.count(2, "kv")).isEqualTo(1);
        assertThat(Files.isDirectory(dir.resolve("cluster-metadata"))).isTrue();
        // classpath: URL
        try (Connection c = DriverManager.getConnection("jdbc:shardwise:classpath:e2e-classpath.properties");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SHARDWISE SHARDS")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
            }
            assertThat(rows).isEqualTo(3);
        }
        assertThat(DriverManager.getDriver("jdbc:shardwise:")).isInstanceOf(io.shardwise.ShardwiseDriver.class);
    }

    @Test
    void configurationErrorsAreReportedAtConnectNamingTheKeyOrNode() {
        H2Cluster cluster = cluster(2);
        Properties typo = new Properties();
        typo.putAll(cluster.settings);
        typo.setProperty("table.kv.shardkey", "id");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:shardwise:", typo))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("'table.kv.shardkey'").hasMessageContaining("table.kv.shard-key");

        Properties noUrl = new Properties();
        noUrl.putAll(cluster.settings);
        noUrl.remove("node.n2.url");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:shardwise:", noUrl))
                .hasMessageContaining("node.n2.url");

        Properties unreachable = new Properties();
        unreachable.putAll(cluster.settings);
        unreachable.setProperty("node.n2.url", "jdbc:h2:tcp://127.0.0.1:1/nowhere;PASSWORD=inurl");
        unreachable.setProperty("node.n2.password", "TopSecret42");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:shardwise:", unreachable))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("n2")
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("TopSecret42")
                                .doesNotContain("inurl");
                    }
                });

        Properties badNumber = new Properties();
        badNumber.putAll(cluster.settings);
        badNumber.setProperty("group.kv.shards", "two");
        badNumber.remove("group.kv.split-points");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:shardwise:", badNumber))
                .hasMessageContaining("group.kv.shards");
    }

    @Test
    void aDataSourceWorksAsHikarisDataSourceClassName() throws SQLException {
        H2Cluster cluster = cluster(2);
        HikariConfig config = new HikariConfig();
        config.setDataSourceClassName(ShardwiseDataSource.class.getName());
        config.addDataSourceProperty("url", "jdbc:shardwise:");
        config.addDataSourceProperty("properties", cluster.settings);
        config.setMaximumPoolSize(3);
        config.setPoolName("shardwise-over-hikari");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kv (id BIGINT PRIMARY KEY, v VARCHAR(20))");
                c.setAutoCommit(false);
                s.executeUpdate("INSERT INTO kv (id, v) VALUES (1, 'a')");
                s.executeUpdate("INSERT INTO kv (id, v) VALUES (101, 'b')");
                c.commit();
            }
            try (Connection c = pool.getConnection()) {
                assertThat(c.getAutoCommit()).isTrue(); // Hikari reset what the last user changed
                assertThat(c.isValid(1)).isTrue();
                DatabaseMetaData md = c.getMetaData();
                assertThat(md.getDriverName()).isEqualTo("Shardwise");
                assertThat(md.getURL()).startsWith("jdbc:shardwise:");
                assertThat(c.unwrap(ShardwiseConnection.class).openNodes()).isNotNull();
            }
        }
        assertThat(cluster.count(1, "kv")).isEqualTo(1);
        assertThat(cluster.count(2, "kv")).isEqualTo(1);
    }

    @Test
    void showShardwiseShardsListsOneRowPerShard() throws SQLException {
        H2Cluster cluster = cluster(4).with("table.events.shard-key", "device").with("group.events.shards", "8");
        try (Connection c = dataSource(cluster.settings).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW SHARDWISE SHARDS")) {
            int kv = 0;
            int events = 0;
            List<String> nodes = new ArrayList<>();
            while (rs.next()) {
                String group = rs.getString("GROUP_NAME");
                if (group.equals("kv")) {
                    kv++;
                    nodes.add(rs.getString("NODE"));
                } else {
                    assertThat(group).isEqualTo("events");
                    events++;
                }
                assertThat(rs.getString("STATE")).isEqualTo("STABLE");
                assertThat(rs.getString("KEYS")).isNotBlank();
                assertThat(rs.getLong("VERSION")).isPositive();
            }
            assertThat(kv).isEqualTo(4);
            assertThat(events).isEqualTo(8);
            assertThat(nodes).containsExactly("n1", "n2", "n3", "n4");
        }
    }

    @Test
    void theTopologySurvivesARestart(@TempDir Path dir) throws Exception {
        H2Cluster cluster = closing(new H2Cluster(2)).with("table.t.shard-key", "k").with("group.t.shards", "2")
                .with("metadata.dir", dir.toString());
        List<ShardInfo> first;
        ShardwiseDataSource ds = new ShardwiseDataSource("jdbc:shardwise:");
        ds.setProperties(cluster.settings);
        try (Connection c = ds.getConnection()) {
            first = c.unwrap(ShardwiseConnection.class).admin().shards();
        }
        ds.close();
        assertThat(first).hasSize(2);
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isPositive();
        }
        // A later start with a different initial shard count loads the persisted topology instead.
        ShardwiseDataSource again = closing(new ShardwiseDataSource("jdbc:shardwise:"));
        again.setProperties(cluster.settings);
        again.setProperty("group.t.shards", "6");
        try (Connection c = again.getConnection()) {
            assertThat(c.unwrap(ShardwiseConnection.class).admin().shards()).isEqualTo(first);
        }
    }

    @Test
    void transactionsSpanningNodesCommitAndRollBackOnEach() throws SQLException {
        H2Cluster cluster = cluster(2);
        try (Connection c = dataSource(cluster.settings).getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kv (id BIGINT PRIMARY KEY, v VARCHAR(20))");
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO kv (id, v) VALUES (?, ?)")) {
                for (long id : new long[] {1, 2, 101, 102}) {
                    ps.setLong(1, id);
                    ps.setString(2, "x");
                    ps.executeUpdate();
                }
            }
            c.rollback();
            assertThat(cluster.count(1, "kv") + cluster.count(2, "kv")).isZero();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO kv (id, v) VALUES (?, ?)")) {
                for (long id : new long[] {1, 2, 101, 102}) {
                    ps.setLong(1, id);
                    ps.setString(2, "x");
                    ps.addBatch();
                }
                assertThat(ps.executeBatch()).containsExactly(1, 1, 1, 1);
            }
            c.commit();
            assertThat(cluster.count(1, "kv")).isEqualTo(2);
            assertThat(cluster.count(2, "kv")).isEqualTo(2);
        }
    }

    @Test
    void statementsThatCannotBeRoutedSafelyAreRefused() throws SQLException {
        H2Cluster cluster = cluster(2);
        try (Connection c = dataSource(cluster.settings).getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kv (id BIGINT PRIMARY KEY, v VARCHAR(20))");
            s.executeUpdate("INSERT INTO kv (id, v) VALUES (5, 'a')");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE kv SET id = 500 WHERE id = 5"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("shard");
            assertThatThrownBy(() -> s.executeQuery("SELEC nonsense")).isInstanceOf(java.sql.SQLSyntaxErrorException.class);
            assertThatThrownBy(() -> s.execute("SET SCHEMA x")).isInstanceOf(java.sql.SQLFeatureNotSupportedException.class);
        }
    }

    @Test
    void aHintForcesTheNodeAndCrossGroupJoinsWithoutTheKeyAreRefused() throws SQLException {
        H2Cluster cluster = cluster(2).with("table.other.shard-key", "id");
        try (Connection c = dataSource(cluster.settings).getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kv (id BIGINT PRIMARY KEY, v VARCHAR(20))");
            s.execute("CREATE TABLE other (id BIGINT PRIMARY KEY, w VARCHAR(20))");
            s.executeUpdate("/*+ shardwise node=n2 */ INSERT INTO kv (id, v) VALUES (5, 'forced')");
            assertThat(cluster.count(2, "kv")).isEqualTo(1);
            assertThat(cluster.count(1, "kv")).isZero();
            assertThatThrownBy(() -> s.executeQuery("SELECT k.v, o.w FROM kv k JOIN other o ON o.id = k.id"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aShardKeyColumnMissingFromAnExistingTableIsReportedAtConnect() throws SQLException {
        H2Cluster cluster = cluster(2);
        for (int node = 1; node <= 2; node++) {
            try (Connection c = cluster.direct(node); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kv (ident BIGINT PRIMARY KEY, v VARCHAR(20))");
            }
        }
        assertThatThrownBy(() -> dataSource(cluster.settings).getConnection()).isInstanceOf(SQLException.class)
                .hasMessageContaining("kv").hasMessageContaining("id");
    }
}
