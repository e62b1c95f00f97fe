package io.shardwise.backends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.testkit.Backends;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** transactions=2pc through the driver over 2 PostgreSQL nodes: multi-node commits go through PREPARE TRANSACTION. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresTwoPhaseCommitTest {
    @TempDir
    static Path metadataDir;
    @TempDir
    static Path otherMetadataDir;
    List<io.shardwise.testkit.TestDatabase> databases;
    ShardwiseCluster cluster;
    Connection sw;
    /** One account id stored on each node, found by asking the nodes directly. */
    final Map<String, Long> idOn = new LinkedHashMap<>();

    @BeforeAll
    void setUp() throws SQLException {
        databases = Backends.postgresDatabases(2, "pg2pc");
        cluster = new ShardwiseCluster("postgresql", databases)
                .table("accounts", "id", "acct")
                .group("acct", "hash", 4)
                .set("transactions", "2pc")
                .set("metadata.dir", metadataDir.toString());
        sw = cluster.connect();
        try (Statement s = sw.createStatement()) {
            // deferred: a violation shows only at PREPARE, which is how one node fails to prepare below
            s.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, balance int NOT NULL,"
                    + " tag int UNIQUE DEFERRABLE INITIALLY DEFERRED)");
        }
        try (PreparedStatement ps = sw.prepareStatement("INSERT INTO accounts (id, balance, tag) VALUES (?, 100, ?)")) {
            for (long id = 1; id <= 20; id++) {
                ps.setLong(1, id);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
        }
        for (String node : cluster.nodeIds()) {
            idOn.put(node, cluster.directLong(node, "SELECT min(id) FROM accounts"));
        }
    }

    @AfterAll
    void tearDown() throws SQLException {
        sw.close();
    }

    @Test
    void aTransactionWritingOnBothNodesCommitsThroughPreparedTransactions() throws Exception {
        try (Connection c = cluster.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (id, balance) VALUES (?, 7)")) {
                for (long id = 101; id <= 110; id++) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            }
            c.commit();
        }
        for (String node : cluster.nodeIds()) {
            assertThat(cluster.directLong(node, "SELECT count(*) FROM accounts WHERE id BETWEEN 101 AND 110"))
                    .as("rows on " + node).isPositive();
            assertThat(cluster.directLong(node, "SELECT count(*) FROM pg_prepared_xacts")).as(node).isZero();
        }
        assertThat(cluster.directSum("SELECT count(*) FROM accounts WHERE id BETWEEN 101 AND 110")).isEqualTo(10);
        // The decision log proves the commit went through the coordinator: a forced COMMIT naming both nodes, then DONE.
        List<String> log = Files.readAllLines(metadataDir.resolve("twophase-decisions.log"), StandardCharsets.UTF_8);
        String decision = log.stream().filter(l -> l.startsWith("COMMIT ")).reduce((a, b) -> b).orElseThrow();
        String gid = decision.split(" ")[1];
        assertThat(decision).endsWith(" pg1,pg2;").contains("sw_");
        assertThat(log).contains("DONE " + gid);
    }

    @Test
    void aNodeThatCannotPrepareRollsBackEveryNode() throws SQLException {
        long a = idOn.get("pg1");
        long b = idOn.get("pg2");
        long otherOnB = cluster.directLong("pg2", "SELECT max(id) FROM accounts WHERE id <= 20");
        assertThat(otherOnB).isNotEqualTo(b);
        try (Connection c = cluster.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET balance = balance - 30 WHERE id = ?")) {
                ps.setLong(1, a);
                assertThat(ps.executeUpdate()).isOne();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET tag = ? WHERE id = ?")) {
                ps.setLong(1, otherOnB); // the tag of another row on pg2: the deferred UNIQUE fails at PREPARE
                ps.setLong(2, b);
                assertThat(ps.executeUpdate()).isOne();
            }
            assertThatThrownBy(c::commit).isInstanceOf(SQLException.class)
                    .hasMessageContaining("two-phase commit aborted: node pg2 could not prepare");
        }
        assertThat(cluster.directLong("pg1", "SELECT balance FROM accounts WHERE id = " + a))
                .as("pg1 prepared first, but its work must be rolled back too").isEqualTo(100);
        for (String node : cluster.nodeIds()) {
            assertThat(cluster.directLong(node, "SELECT count(*) FROM pg_prepared_xacts")).as(node).isZero();
        }
    }

    @Test
    void theDriverSettlesItsInDoubtTransactionsWhenItStarts() throws Exception {
        // What a driver killed mid-commit leaves: one gid decided (logged COMMIT), one only prepared; both ours.
        Files.writeString(otherMetadataDir.resolve("twophase-coordinator-id"), "crashed1\n");
        Files.writeString(otherMetadataDir.resolve("twophase-decisions.log"), "COMMIT sw_crashed1_decided pg1,pg2;\n");
        long a = idOn.get("pg1");
        long b = idOn.get("pg2");
        prepareDirectly("pg1", "sw_crashed1_decided", "UPDATE accounts SET balance = 555 WHERE id = " + a);
        prepareDirectly("pg2", "sw_crashed1_undecided", "UPDATE accounts SET balance = 666 WHERE id = " + b);
        prepareDirectly("pg2", "sw_someoneelse_x", "INSERT INTO accounts (id, balance) VALUES (999, 1)");
        try {
            ShardwiseCluster restarted = new ShardwiseCluster("postgresql", databases)
                    .table("accounts", "id", "acct")
                    .group("acct", "hash", 4)
                    .set("transactions", "2pc")
                    .set("metadata.dir", otherMetadataDir.toString());
            try (Connection c = restarted.connect()) {
                assertThat(Rows.of(c, "SELECT balance FROM accounts WHERE id = " + a)).containsExactly(List.of("555"));
                assertThat(Rows.of(c, "SELECT balance FROM accounts WHERE id = " + b)).containsExactly(List.of("100"));
            }
            assertThat(cluster.directLong("pg1", "SELECT count(*) FROM pg_prepared_xacts")).isZero();
            assertThat(Rows.of(cluster.node("pg2"), "SELECT gid FROM pg_prepared_xacts"))
                    .as("another coordinator's prepared transaction is left alone")
                    .containsExactly(List.of("sw_someoneelse_x"));
        } finally {
            try (Connection c = cluster.node("pg2").connect(); Statement s = c.createStatement()) {
                s.execute("ROLLBACK PREPARED 'sw_someoneelse_x'");
            }
            try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE accounts SET balance = 100 WHERE id = " + a);
            }
        }
    }

    private void prepareDirectly(String node, String gid, String sql) throws SQLException {
        try (Connection c = cluster.node(node).connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate(sql);
            s.execute("PREPARE TRANSACTION '" + gid + "'");
            c.setAutoCommit(true);
        }
    }
}
