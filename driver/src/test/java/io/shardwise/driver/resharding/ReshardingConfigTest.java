package io.shardwise.driver.resharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.ShardwiseConnection;
import io.shardwise.ShardwiseDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The resharding.* keys through the driver, and SHOW SHARDWISE DECISIONS / ShardwiseAdmin.decisions(). */
class ReshardingConfigTest {
    private final String prefix = "rs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";

    private ShardwiseDataSource dataSource(String... extra) {
        Properties p = new Properties();
        p.setProperty("nodes", "n1,n2");
        p.setProperty("node.n1.url", "jdbc:h2:mem:" + prefix + "n1;DB_CLOSE_DELAY=-1");
        p.setProperty("node.n2.url", "jdbc:h2:mem:" + prefix + "n2;DB_CLOSE_DELAY=-1");
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        p.setProperty("table.kv.shard-key", "id");
        p.setProperty("group.kv.strategy", "range");
        for (int i = 0; i < extra.length; i += 2) {
            p.setProperty(extra[i], extra[i + 1]);
        }
        ShardwiseDataSource ds = new ShardwiseDataSource("jdbc:shardwise:");
        ds.setProperties(p);
        return ds;
    }

    @Test
    void enabledControllerShowsItsDecisionsAndIsOffByDefault() throws Exception {
        try (ShardwiseDataSource ds = dataSource("resharding.enabled", "true", "resharding.mode", "reactive",
                "resharding.threshold", "1.5", "resharding.hysteresis", "5");
             Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            ShardwiseConnection sc = c.unwrap(ShardwiseConnection.class);
            assertThat(sc.admin().decisions()).isEmpty();
            try (ResultSet rs = s.executeQuery("show shardwise decisions")) {
                ResultSetMetaData md = rs.getMetaData();
                assertThat(md.getColumnCount()).isEqualTo(9);
                assertThat(md.getColumnLabel(1)).isEqualTo("DECISION_ID");
                assertThat(md.getColumnLabel(5)).isEqualTo("IMBALANCE_BEFORE");
                assertThat(md.getColumnLabel(8)).isEqualTo("OUTCOME");
                assertThat(rs.next()).isFalse();
            }
        }
        try (ShardwiseDataSource ds = dataSource(); Connection c = ds.getConnection()) {
            assertThat(c.unwrap(ShardwiseConnection.class).admin().decisions()).isEmpty();
        }
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        for (String[] bad : new String[][] {{"resharding.enabled", "maybe"}, {"resharding.mode", "eager"},
            {"resharding.threshold", "1.0"}, {"resharding.rows-per-hour", "lots"},
            {"resharding.max-migrations-per-node", "0"}}) {
            try (ShardwiseDataSource ds = dataSource(bad[0], bad[1])) {
                assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class)
                        .hasMessageContaining(bad[0]);
            }
        }
        try (ShardwiseDataSource ds = dataSource("resharding.treshold", "1.4")) {
            assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class)
                    .hasMessageContaining("resharding.threshold");
        }
    }
}
