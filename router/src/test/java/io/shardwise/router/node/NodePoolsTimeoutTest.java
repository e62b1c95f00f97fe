package io.shardwise.router.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.shardwise.router.config.NodeSpec;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NodePoolsTimeoutTest {

    private static NodeSpec node(String id, Properties pool) {
        return new NodeSpec(id, "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", pool);
    }

    @Test
    void aNodePoolWaitsFiveSecondsForAConnectionUnlessTheUserSaysOtherwise() throws SQLException {
        Properties own = new Properties();
        own.setProperty("connectionTimeout", "12000");
        try (NodePools pools = NodePools.start(List.of(node("n1", new Properties()), node("n2", own),
                node("n3", null)))) {
            assertThat(((HikariDataSource) pools.dataSource("n1")).getConnectionTimeout())
                    .isEqualTo(NodePools.DEFAULT_CONNECTION_TIMEOUT_MILLIS).isEqualTo(5_000);
            assertThat(((HikariDataSource) pools.dataSource("n2")).getConnectionTimeout()).isEqualTo(12_000);
            assertThat(((HikariDataSource) pools.dataSource("n3")).getConnectionTimeout()).isEqualTo(5_000);
        }
    }
}
