package io.shardwise.backends;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardwise.testkit.Backends;
import io.shardwise.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The isolation level the application asks for holds on every PostgreSQL node a transaction touches. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresTransactionsTest {
    ShardwiseCluster cluster;
    Connection sw;

    @BeforeAll
    void setUp() throws SQLException {
        cluster = new ShardwiseCluster("postgresql", Backends.postgresDatabases(2, "pgtx"))
                .table("accounts", "id", "acct")
                .group("acct", "hash", 4);
        sw = cluster.connect();
        try (Statement s = sw.createStatement()) {
            s.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, balance int NOT NULL)");
        }
        try (PreparedStatement ps = sw.prepareStatement("INSERT INTO accounts (id, balance) VALUES (?, 100)")) {
            for (long id = 1; id <= 40; id++) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
        }
        for (String node : cluster.nodeIds()) {
            assertThat(cluster.directLong(node, "SELECT count(*) FROM accounts")).as(node).isPositive();
        }
    }

    @AfterAll
    void tearDown() throws SQLException {
        sw.close();
    }

    @Test
    void eachIsolationLevelReachesEveryNodeTouched() throws SQLException {
        int[] levels = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
            Connection.TRANSACTION_SERIALIZABLE};
        String[] names = {"read committed", "repeatable read", "serializable"};
        for (int i = 0; i < levels.length; i++) {
            try (Connection c = cluster.connect()) {
                c.setTransactionIsolation(levels[i]);
                c.setAutoCommit(false);
                assertThat(c.getTransactionIsolation()).isEqualTo(levels[i]);
                // Every node's transaction, asked from inside it (one point read per node, by hint).
                for (String node : cluster.nodeIds()) {
                    assertThat(Rows.of(c, "/*+ shardwise node=" + node + " */ SELECT current_setting('transaction_isolation') FROM accounts LIMIT 1"))
                            .as(node).containsExactly(List.of(names[i]));
                }
                c.rollback();
            }
        }
    }

    @Test
    void repeatableReadKeepsOneSnapshotPerNodeAcrossAScatterRead() throws SQLException {
        try (Connection c = cluster.connect()) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
            long before = count(c);
            insertDirectlyOnEveryNode(1000);
            assertThat(count(c)).as("a REPEATABLE READ transaction must not see others' later commits").isEqualTo(before);
            c.commit();
            assertThat(count(c)).isEqualTo(before + cluster.nodeIds().size());
        }
        try (Connection c = cluster.connect()) {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(false);
            long before = count(c);
            insertDirectlyOnEveryNode(2000);
            assertThat(count(c)).as("READ COMMITTED sees every committed row on every node")
                    .isEqualTo(before + cluster.nodeIds().size());
            c.rollback();
        }
    }

    @Test
    void aMultiNodeTransactionRollsBackOnEveryNode() throws SQLException {
        long total = cluster.directSum("SELECT coalesce(sum(balance), 0) FROM accounts");
        try (Connection c = cluster.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("UPDATE accounts SET balance = balance - 1")).isPositive();
            }
            c.rollback();
        }
        assertThat(cluster.directSum("SELECT coalesce(sum(balance), 0) FROM accounts")).isEqualTo(total);
    }

    private long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM accounts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One new row on every node, committed outside Shardwise (ids chosen per node from its existing rows). */
    private void insertDirectlyOnEveryNode(long base) throws SQLException {
        int k = 0;
        for (String node : cluster.nodeIds()) {
            TestDatabase db = cluster.node(node);
            try (Connection d = db.connect(); Statement s = d.createStatement()) {
                s.executeUpdate("INSERT INTO accounts (id, balance) VALUES (" + (base + k++) + ", 1)");
            }
        }
    }
}
