package io.shardwise.router.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.router.ShardwiseRouter;
import io.shardwise.router.TestClusters;
import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.config.NodeSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NodeStartupTest {
    private static final String SECRET = "S3cret-Pw-77";

    private static String memUrl() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private static ClusterSpec withNodes(List<NodeSpec> nodes) {
        ClusterSpec base = TestClusters.spec(nodes.size());
        return new ClusterSpec(nodes, base.tables(), base.groups(), base.referenceTables(), nodes.get(0).id(), null,
                base.dialect());
    }

    private static String everything(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    @Test
    void wrongPasswordNamesTheNodeButNotThePassword() throws Exception {
        String url = memUrl();
        try (Connection keep = DriverManager.getConnection(url, "sa", "right")) {
            List<NodeSpec> nodes = List.of(new NodeSpec("n1", memUrl(), "sa", "", new Properties()),
                    new NodeSpec("n2", url, "sa", SECRET, new Properties()));
            assertThatThrownBy(() -> ShardwiseRouter.start(withNodes(nodes)))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("node n2")
                    .hasMessageContaining("jdbc:h2:mem:")
                    .satisfies(e -> assertThat(everything(e)).doesNotContain(SECRET));
        }
    }

    @Test
    void credentialsInTheUrlNeverShow() {
        String url = "jdbc:nosuchdb://db.example:5432/app?user=app&password=" + SECRET;
        List<NodeSpec> nodes = List.of(new NodeSpec("n1", memUrl(), "sa", "", new Properties()),
                new NodeSpec("n2", url, "app", SECRET, new Properties()));
        assertThatThrownBy(() -> ShardwiseRouter.start(withNodes(nodes)))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("node n2 (jdbc:nosuchdb://db.example:5432/app?...)")
                .satisfies(e -> assertThat(everything(e)).doesNotContain(SECRET));
    }

    @Test
    void badPoolSettingNamesTheNode() {
        Properties pool = new Properties();
        pool.setProperty("maximumPoolSizeTypo", "3");
        List<NodeSpec> nodes = List.of(new NodeSpec("n1", memUrl(), "sa", "", pool));
        assertThatThrownBy(() -> ShardwiseRouter.start(withNodes(nodes)))
                .hasMessageContaining("node n1").hasMessageContaining("maximumPoolSizeTypo");
    }

    @Test
    void anExistingShardedTableWithoutItsKeyColumnIsRefused() throws Exception {
        String url = memUrl();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id INT PRIMARY KEY, cust BIGINT)");
            List<NodeSpec> nodes = List.of(new NodeSpec("n1", memUrl(), "sa", "", new Properties()),
                    new NodeSpec("n2", url, "sa", "", new Properties()));
            assertThatThrownBy(() -> ShardwiseRouter.start(withNodes(nodes)))
                    .hasMessageContaining("orders").hasMessageContaining("customer_id").hasMessageContaining("n2");
            s.execute("ALTER TABLE orders ADD COLUMN customer_id BIGINT");
            try (ShardwiseRouter r = ShardwiseRouter.start(withNodes(nodes))) {
                assertThat(r.nodes()).containsOnlyKeys("n1", "n2");
                try (Connection viaPool = r.nodes().get("n2").getConnection()) {
                    assertThat(viaPool.isValid(1)).isTrue();
                }
            }
        }
    }

    @Test
    void poolSettingsReachHikari() throws Exception {
        Properties pool = new Properties();
        pool.setProperty("maximumPoolSize", "3");
        List<NodeSpec> nodes = new ArrayList<>(List.of(new NodeSpec("n1", memUrl(), "sa", "", pool)));
        try (ShardwiseRouter r = ShardwiseRouter.start(withNodes(nodes))) {
            assertThat(((com.zaxxer.hikari.HikariDataSource) r.nodes().get("n1")).getMaximumPoolSize()).isEqualTo(3);
        }
    }
}
