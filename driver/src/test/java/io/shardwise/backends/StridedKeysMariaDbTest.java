package io.shardwise.backends;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shardwise.router.keys.KeyStride;
import io.shardwise.router.keys.StridedKeys;
import io.shardwise.router.sql.SqlDialectKind;
import io.shardwise.testkit.Backends;
import io.shardwise.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * AUTO_INCREMENT on 2 real MariaDB nodes: the node pool sets auto_increment_increment/offset on every connection
 * (what {@link KeyStride#sessionInitSql} is for), and the two nodes never hand out the same key, also for
 * multi-row inserts and after rows move between nodes.
 */
class StridedKeysMariaDbTest {
    private static final List<String> NODES = List.of("m1", "m2");

    @Test
    void autoIncrementThroughPooledConnectionsIsDisjointAcrossNodes() throws SQLException {
        List<TestDatabase> dbs = Backends.mariadbDatabases(2, "keys");
        List<HikariDataSource> pools = new ArrayList<>();
        try {
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                KeyStride stride = KeyStride.ofNode(NODES, NODES.get(i), KeyStride.DEFAULT_STRIDE);
                HikariDataSource pool = pool(dbs.get(i), stride);
                pools.add(pool);
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE `Orders` (`id` BIGINT AUTO_INCREMENT PRIMARY KEY, customer INT)");
                    assertThat(StridedKeys.applyToTable(c, SqlDialectKind.MYSQL, stride, "`Orders`")).isEmpty();
                }
                // Several pooled connections at once: every one of them must carry the session settings.
                List<Connection> open = new ArrayList<>();
                for (int k = 0; k < 4; k++) {
                    open.add(pool.getConnection());
                }
                for (Connection c : open) {
                    for (long key : insertBatch(c, 25)) {
                        assertThat(stride.owns(key)).as("node %d key %d", i, key).isTrue();
                        assertThat(seen.add(key)).as("duplicate key %d", key).isTrue();
                    }
                    c.close();
                }
            }
            assertThat(seen).hasSize(2 * 4 * 26);
            // A row of m1 arrives on m2 with its id: m2 keeps generating in its own class, above it.
            long moved;
            try (Connection c = pools.get(0).getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT MAX(id) FROM `Orders`")) {
                rs.next();
                moved = rs.getLong(1);
            }
            KeyStride second = KeyStride.ofNode(NODES, "m2", KeyStride.DEFAULT_STRIDE);
            try (Connection c = pools.get(1).getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO `Orders` (id, customer) VALUES (" + (moved + 64 * 100) + ", -1)");
                for (long key : insertBatch(c, 10)) {
                    assertThat(key).isGreaterThan(moved + 64 * 100);
                    assertThat(second.owns(key)).isTrue();
                    assertThat(seen.add(key)).isTrue();
                }
            }
        } finally {
            pools.forEach(HikariDataSource::close);
        }
    }

    private static HikariDataSource pool(TestDatabase db, KeyStride stride) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(db.user());
        config.setMaximumPoolSize(5);
        config.setConnectionInitSql(stride.sessionInitSql(SqlDialectKind.MYSQL));
        return new HikariDataSource(config);
    }

    /**
     * A multi-row INSERT ... RETURNING (MariaDB 10.5+). Connector/J 3 reports only the first key of a multi-row
     * INSERT through getGeneratedKeys, so RETURNING is how an application sees every key.
     */
    private static List<Long> insertBatch(Connection c, int rows) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO `Orders` (customer) VALUES ");
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "(?)" : ", (?)");
        }
        sql.append(" RETURNING id");
        List<Long> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int r = 0; r < rows; r++) {
                ps.setInt(r + 1, r);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getLong(1));
                }
            }
        }
        assertThat(keys).hasSize(rows);
        // And the single-row path through getGeneratedKeys.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO `Orders` (customer) VALUES (?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setInt(1, -2);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                assertThat(rs.next()).isTrue();
                keys.add(rs.getLong(1));
            }
        }
        return keys;
    }
}
