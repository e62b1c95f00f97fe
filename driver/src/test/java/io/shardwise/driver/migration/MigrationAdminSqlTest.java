package io.shardwise.driver.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.MigrationInfo;
import io.shardwise.ShardInfo;
import io.shardwise.ShardVerification;
import io.shardwise.ShardwiseAdmin;
import io.shardwise.ShardwiseConnection;
import io.shardwise.ShardwiseDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The migration admin statements and the same operations on ShardwiseAdmin, checked against the nodes directly. */
class MigrationAdminSqlTest {
    private final String prefix = "admin_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
    private ShardwiseDataSource ds;
    private Connection c;
    private Statement s;

    @BeforeEach
    void setUp() throws SQLException {
        Properties p = new Properties();
        p.setProperty("nodes", "n1,n2");
        p.setProperty("node.n1.url", "jdbc:h2:mem:" + prefix + "n1;DB_CLOSE_DELAY=-1");
        p.setProperty("node.n2.url", "jdbc:h2:mem:" + prefix + "n2;DB_CLOSE_DELAY=-1");
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        p.setProperty("table.kv.shard-key", "id");
        p.setProperty("group.kv.strategy", "range");
        p.setProperty("group.kv.split-points", "100");
        p.setProperty("migration.cleanup-delay", "0");
        ds = new ShardwiseDataSource("jdbc:shardwise:");
        ds.setProperties(p);
        c = ds.getConnection();
        s = c.createStatement();
        s.execute("CREATE TABLE kv (id BIGINT PRIMARY KEY, v VARCHAR(20))");
        for (int id = 0; id < 200; id++) {
            s.executeUpdate("INSERT INTO kv (id, v) VALUES (" + id + ", 'v" + id + "')");
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        c.close();
        ds.close();
        for (String n : new String[] {"n1", "n2"}) {
            try (Connection d = direct(n); Statement st = d.createStatement()) {
                st.execute("SHUTDOWN");
            }
        }
    }

    private Connection direct(String node) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:mem:" + prefix + node + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    private List<Long> ids(String node) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection d = direct(node); Statement st = d.createStatement();
             ResultSet rs = st.executeQuery("SELECT id FROM kv ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    @Test
    void splitPinMoveVerifyAndMergeBySql() throws Exception {
        try (ResultSet rs = s.executeQuery("shardwise split shard 1 at 50;")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("KEYS")).isEqualTo("[50, 100)");
            assertThat(rs.getString("NODE")).isEqualTo("n1");
        }
        long upper;
        try (ResultSet rs = s.executeQuery("SHOW SHARDWISE SHARDS")) {
            List<String> keys = new ArrayList<>();
            List<Long> estimates = new ArrayList<>();
            long found = -1;
            while (rs.next()) {
                keys.add(rs.getString("KEYS"));
                estimates.add(rs.getLong("ESTIMATED_ROWS"));
                if (rs.getString("KEYS").equals("[50, 100)")) {
                    found = rs.getLong("SHARD_ID");
                }
            }
            assertThat(keys).contains("[-9223372036854775808, 50)", "[50, 100)");
            assertThat(estimates).containsExactly(50L, 50L, 100L); // key order: [MIN, 50), [50, 100), [100, MAX]
            upper = found;
        }
        long pinned;
        try (ResultSet rs = s.executeQuery("SHARDWISE PIN KEY 7 IN GROUP kv")) {
            rs.next();
            assertThat(rs.getString("KEYS")).isEqualTo("pinned{7}");
            pinned = rs.getLong("SHARD_ID");
        }
        try (ResultSet rs = s.executeQuery("SHARDWISE MOVE SHARD " + upper + " TO n2")) {
            rs.next();
            assertThat(rs.getString("STATE")).isIn("CLEANUP", "DONE");
            assertThat(rs.getLong("ROWS_COPIED")).isEqualTo(50);
        }
        // reads and writes through the driver follow the move
        assertThat(s.executeUpdate("UPDATE kv SET v = 'moved' WHERE id = 60")).isEqualTo(1);
        try (ResultSet rs = s.executeQuery("SELECT v FROM kv WHERE id = 60")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("moved");
        }
        ShardwiseAdmin admin = c.unwrap(ShardwiseConnection.class).admin();
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS)
                .until(() -> admin.migrations().get(0).state().equals("DONE"));
        assertThat(ids("n2")).hasSize(150).contains(60L).doesNotContain(49L);
        assertThat(ids("n1")).hasSize(50).contains(7L);

        MigrationInfo async = admin.moveShardAsync(pinned, "n2");
        assertThat(async.id()).isEqualTo(2);
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS)
                .until(() -> admin.migrations().get(1).state().equals("DONE"));
        assertThat(ids("n2")).contains(7L);
        try (ResultSet rs = s.executeQuery("SHOW SHARDWISE MIGRATIONS")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getLong("MIGRATION_ID") + " " + rs.getLong("SHARD_ID") + " " + rs.getString("FROM_NODE")
                        + "->" + rs.getString("TO_NODE") + " " + rs.getString("STATE"));
            }
            assertThat(rows).containsExactly("1 " + upper + " n1->n2 DONE", "2 " + pinned + " n1->n2 DONE");
        }
        try (ResultSet rs = s.executeQuery("SHARDWISE VERIFY SHARD " + upper)) {
            rs.next();
            assertThat(rs.getString("SOURCE_NODE")).isEqualTo("n2");
            assertThat(rs.getLong("SOURCE_ROWS")).isEqualTo(50);
            assertThat(rs.getBoolean("MATCHES")).isTrue();
        }
        ShardVerification v = admin.verifyShard(pinned);
        assertThat(v.sourceRows()).isEqualTo(1);

        ShardInfo merged = admin.mergeShards(upper, 2);
        assertThat(merged.keys()).isEqualTo("[50, 9223372036854775807]");
        assertThatThrownBy(() -> s.executeQuery("SHARDWISE MERGE SHARDS 1, " + pinned))
                .hasMessageContaining("different nodes");
    }

    @Test
    void badAdminStatementsGetClearErrors() {
        assertThatThrownBy(() -> s.executeQuery("SHARDWISE MOVE SHARD x TO n2"))
                .isInstanceOf(SQLSyntaxErrorException.class).hasMessageContaining("Usage: SHARDWISE MOVE SHARD");
        assertThatThrownBy(() -> s.executeQuery("SHARDWISE MOVE SHARD 1 TO n9")).hasMessageContaining("no node named");
        assertThatThrownBy(() -> s.executeQuery("SHARDWISE MOVE SHARD 77 TO n2")).hasMessageContaining("no shard 77");
        assertThatThrownBy(() -> s.executeQuery("SHARDWISE CANCEL MIGRATION 5")).hasMessageContaining("no migration 5");
        assertThatThrownBy(() -> s.executeQuery("SHARDWISE SPLIT SHARD 1 AT 500"))
                .hasMessageContaining("strictly inside");
        assertThatThrownBy(() -> s.executeQuery("SHARDWISE PIN KEY 'abc' IN GROUP kv"))
                .hasMessageContaining("integral");
    }

    @Test
    void cancelByStatementRollsBackAndTheShardStaysPut() throws Exception {
        ShardwiseAdmin admin = c.unwrap(ShardwiseConnection.class).admin();
        MigrationInfo m;
        try (ShardwiseDataSource slowDs = slowDataSource(); Connection slow = slowDs.getConnection()) {
            ShardwiseAdmin slowAdmin = slow.unwrap(ShardwiseConnection.class).admin();
            m = slowAdmin.moveShardAsync(1, "n2");
            Thread.sleep(200);
            try (Statement st = slow.createStatement(); ResultSet rs = st.executeQuery("SHARDWISE CANCEL MIGRATION "
                    + m.id())) {
                rs.next();
                assertThat(rs.getString("STATE")).isEqualTo("CANCELLED");
            }
            assertThat(slowAdmin.shards().get(0).node()).isEqualTo("n1");
        }
        // the partial copy on n2 is gone: n2 holds only its own shard's 100 rows
        assertThat(ids("n2")).hasSize(100).allMatch(id -> id >= 100);
        assertThat(ids("n1")).hasSize(100);
        assertThat(admin.shards()).isNotEmpty();
    }

    private ShardwiseDataSource slowDataSource() {
        Properties p = new Properties();
        p.setProperty("nodes", "n1,n2");
        p.setProperty("node.n1.url", "jdbc:h2:mem:" + prefix + "n1;DB_CLOSE_DELAY=-1");
        p.setProperty("node.n2.url", "jdbc:h2:mem:" + prefix + "n2;DB_CLOSE_DELAY=-1");
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        p.setProperty("table.kv.shard-key", "id");
        p.setProperty("group.kv.strategy", "range");
        p.setProperty("group.kv.split-points", "100");
        p.setProperty("migration.copy-rate", "50");
        p.setProperty("migration.batch-size", "5");
        ShardwiseDataSource slow = new ShardwiseDataSource("jdbc:shardwise:");
        slow.setProperties(p);
        return slow;
    }
}
