package io.shardwise.backends;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardwise.testkit.Backends;
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

/** The isolation level the application asks for holds on every MariaDB node a transaction touches. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbTransactionsTest {
    ShardwiseCluster cluster;
    Connection sw;

    @BeforeAll
    void setUp() throws SQLException {
        cluster = new ShardwiseCluster("mysql", Backends.mariadbDatabases(2, "mytx"))
                .table("accounts", "id", "acct")
                .group("acct", "hash", 4);
        sw = cluster.connect();
        try (Statement s = sw.createStatement()) {
            s.execute("CREATE TABLE `accounts` (`id` BIGINT PRIMARY KEY, `balance` INT NOT NULL)");
        }
        try (PreparedStatement ps = sw.prepareStatement("INSERT INTO `accounts` (`id`, `balance`) VALUES (?, 100)")) {
            for (long id = 1; id <= 40; id++) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
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
        String[] names = {"READ-COMMITTED", "REPEATABLE-READ", "SERIALIZABLE"};
        for (int i = 0; i < levels.length; i++) {
            try (Connection c = cluster.connect()) {
                c.setTransactionIsolation(levels[i]);
                c.setAutoCommit(false);
                for (String node : cluster.nodeIds()) {
                    assertThat(Rows.of(c, "/*+ shardwise node=" + node + " */ SELECT @@tx_isolation FROM `accounts` LIMIT 1"))
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
            int k = 0;
            for (String node : cluster.nodeIds()) {
                try (Connection d = cluster.node(node).connect(); Statement s = d.createStatement()) {
                    s.executeUpdate("INSERT INTO accounts (id, balance) VALUES (" + (5000 + k++) + ", 1)");
                }
            }
            assertThat(count(c)).as("a REPEATABLE READ transaction must not see others' later commits").isEqualTo(before);
            c.commit();
            assertThat(count(c)).isEqualTo(before + cluster.nodeIds().size());
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `accounts`")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
