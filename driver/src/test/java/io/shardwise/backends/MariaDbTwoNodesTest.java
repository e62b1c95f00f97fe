package io.shardwise.backends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.testkit.Backends;
import io.shardwise.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The driver over 2 real MariaDB servers with MySQL syntax passing through: backtick identifiers, {@code LIMIT a, b},
 * {@code ON DUPLICATE KEY UPDATE}, AUTO_INCREMENT. Scatter results are compared with one plain MariaDB schema (the
 * oracle) holding all the rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbTwoNodesTest {
    static final int ACCOUNTS = 100;

    ShardwiseCluster cluster;
    TestDatabase oracle;
    Connection sw;

    @BeforeAll
    void createAndLoad() throws SQLException {
        cluster = new ShardwiseCluster("mysql", Backends.mariadbDatabases(2, "my2n"))
                .table("accounts", "id", "acct")
                .table("events", "account_id", "acct")
                .group("acct", "hash", 4);
        oracle = Backends.mariadb(1).get(0).createDatabase("my2n_oracle");
        sw = cluster.connect();
        try (Connection o = oracle.connect()) {
            for (Connection c : List.of(sw, o)) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE `accounts` (`id` BIGINT NOT NULL, `Name` VARCHAR(64) NOT NULL, "
                            + "`balance` DECIMAL(12,2) NOT NULL DEFAULT 0, PRIMARY KEY (`id`))");
                    s.execute("CREATE TABLE `events` (`event_id` BIGINT NOT NULL AUTO_INCREMENT, "
                            + "`account_id` BIGINT NOT NULL, `kind` VARCHAR(16) NOT NULL, PRIMARY KEY (`event_id`), "
                            + "KEY `by_account` (`account_id`))");
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO `accounts` (`id`, `Name`, `balance`) VALUES (?, ?, ?)")) {
                    for (int id = 1; id <= ACCOUNTS; id++) {
                        ps.setLong(1, id);
                        ps.setString(2, "acct-" + (char) ('a' + id % 26) + id);
                        ps.setBigDecimal(3, new java.math.BigDecimal(id * 37 % 1000 + ".50"));
                        ps.executeUpdate();
                    }
                }
            }
        }
    }

    @AfterAll
    void close() throws SQLException {
        if (sw != null) {
            sw.close();
        }
    }

    @Test
    void rowsAreSplitOverBothNodesAndPointReadsWithBackticksRoute() throws SQLException {
        assertThat(cluster.directSum("SELECT COUNT(*) FROM accounts")).isEqualTo(ACCOUNTS);
        for (String node : cluster.nodeIds()) {
            assertThat(cluster.directLong(node, "SELECT COUNT(*) FROM accounts")).as(node).isPositive();
        }
        for (long id = 1; id <= ACCOUNTS; id += 7) {
            assertThat(Rows.of(sw, "SELECT `Name` FROM `accounts` WHERE `id` = ?", id))
                    .containsExactly(List.of("acct-" + (char) ('a' + id % 26) + id));
        }
    }

    @Test
    void onDuplicateKeyUpdateReachesTheOwningNode() throws SQLException {
        try (PreparedStatement ps = sw.prepareStatement("INSERT INTO `accounts` (`id`, `Name`, `balance`) "
                + "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE `balance` = `balance` + VALUES(`balance`)")) {
            ps.setLong(1, 500);
            ps.setString(2, "dup");
            ps.setBigDecimal(3, new java.math.BigDecimal("10.00"));
            ps.executeUpdate();
            ps.executeUpdate();
        }
        assertThat(Rows.of(sw, "SELECT `balance` FROM `accounts` WHERE `id` = ?", 500L))
                .containsExactly(List.of("20.00"));
        assertThat(cluster.directSum("SELECT COUNT(*) FROM accounts WHERE id = 500")).isEqualTo(1);
        try (Statement s = sw.createStatement()) {
            assertThat(s.executeUpdate("DELETE FROM `accounts` WHERE `id` = 500")).isEqualTo(1);
        }
    }

    @Test
    void autoIncrementKeysFromBothNodesNeverCollide() throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (PreparedStatement ps = sw.prepareStatement("INSERT INTO `events` (`account_id`, `kind`) VALUES (?, 'login')",
                Statement.RETURN_GENERATED_KEYS)) {
            for (long account = 1; account <= 40; account++) {
                ps.setLong(1, account);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(ids.add(rs.getLong(1))).as("key %d handed out twice", rs.getLong(1)).isTrue();
                }
            }
        }
        assertThat(cluster.directSum("SELECT COUNT(DISTINCT event_id) FROM events")).isEqualTo(40);
    }

    @Test
    void scatterQueriesWithMysqlSyntaxMergeToWhatOneDatabaseAnswers() throws SQLException {
        List<String> queries = List.of(
                "SELECT COUNT(*) FROM `accounts`",
                "SELECT SUM(`balance`), MIN(`balance`), MAX(`balance`), AVG(`balance`) FROM `accounts`",
                "SELECT `id`, `Name` FROM `accounts` ORDER BY `id` LIMIT 10, 5",
                "SELECT `id` FROM `accounts` ORDER BY `balance` DESC, `id` LIMIT 3",
                "SELECT `id` % 3 AS `bucket`, COUNT(*) FROM `accounts` GROUP BY `id` % 3 ORDER BY `bucket`",
                "SELECT DISTINCT LEFT(`Name`, 6) AS `p` FROM `accounts` ORDER BY `p` LIMIT 5",
                "SELECT `id` FROM `accounts` WHERE `id` IN (2, 33, 64, 95) ORDER BY `id`");
        try (Connection o = oracle.connect()) {
            for (String q : queries) {
                try (Statement a = sw.createStatement(); Statement b = o.createStatement();
                     ResultSet ra = a.executeQuery(q); ResultSet rb = b.executeQuery(q)) {
                    assertThat(Rows.values(ra)).as(q).isEqualTo(Rows.values(rb));
                }
            }
        }
    }

    @Test
    void refusesAShardKeyChange() throws SQLException {
        try (Statement s = sw.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE `accounts` SET `id` = 9999 WHERE `id` = 3"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("shard-key column");
        }
    }
}
