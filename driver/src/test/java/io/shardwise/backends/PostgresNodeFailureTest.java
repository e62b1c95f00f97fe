package io.shardwise.backends;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardwise.testkit.Backends;
import io.shardwise.testkit.PostgresServer;
import io.shardwise.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * One PostgreSQL node stops in the middle of a workload: statements that need it fail with a clear error naming
 * the node, the others keep working, and when the server is back the same application (same DataSource settings,
 * same driver runtime) works again without a restart.
 */
class PostgresNodeFailureTest {

    @Test
    void aStoppedNodeFailsOnlyItsStatementsAndIsUsedAgainWhenItIsBack() throws Exception {
        PostgresServer failing = Backends.dedicatedPostgres();
        try {
            List<TestDatabase> dbs = List.of(Backends.postgres(1).get(0).createDatabase("fail_a"),
                    failing.createDatabase("fail_b"));
            ShardwiseCluster cluster = new ShardwiseCluster("postgresql", dbs)
                    .table("items", "id", "items")
                    .group("items", "hash", 4)
                    // Fail fast instead of HikariCP's 30 s default wait for a connection to a dead node.
                    .set("node.pg2.pool.connectionTimeout", "250");
            Map<Long, String> owner = new TreeMap<>();
            try (Connection app = cluster.connect()) {
                try (var s = app.createStatement()) {
                    s.execute("CREATE TABLE items (id bigint PRIMARY KEY, v text)");
                }
                try (PreparedStatement ps = app.prepareStatement("INSERT INTO items (id, v) VALUES (?, 'x')")) {
                    for (long id = 1; id <= 40; id++) {
                        ps.setLong(1, id);
                        ps.executeUpdate();
                    }
                }
                for (String node : cluster.nodeIds()) {
                    for (List<String> row : Rows.of(cluster.node(node), "SELECT id FROM items")) {
                        owner.put(Long.parseLong(row.get(0)), node);
                    }
                }
                assertThat(owner).hasSize(40).containsValue("pg1").containsValue("pg2");

                failing.stop();

                List<String> errors = new ArrayList<>();
                long t0 = System.nanoTime();
                for (Map.Entry<Long, String> e : owner.entrySet()) {
                    try {
                        assertThat(pointRead(app, e.getKey())).isEqualTo("x");
                        assertThat(e.getValue()).as("id %d read while its node was down", e.getKey()).isEqualTo("pg1");
                    } catch (SQLException ex) {
                        assertThat(e.getValue()).as("id %d on a live node failed: %s", e.getKey(), ex.getMessage())
                                .isEqualTo("pg2");
                        errors.add(ex.getMessage());
                    }
                }
                long tookMs = (System.nanoTime() - t0) / 1_000_000;
                assertThat(errors).hasSize((int) owner.values().stream().filter("pg2"::equals).count());
                assertThat(errors).allSatisfy(m -> assertThat(m).contains("Node pg2"));
                System.err.println("[node-failure] " + errors.size() + " statements failed in " + tookMs
                        + " ms; first error: " + errors.get(0));

                failing.start();
                awaitAllReadable(app, owner, Duration.ofSeconds(30));
            }
            // A new logical connection of the same running application works too.
            try (Connection again = cluster.connect()) {
                for (long id : owner.keySet()) {
                    assertThat(pointRead(again, id)).isEqualTo("x");
                }
            }
        } finally {
            failing.stop();
        }
    }

    private static void awaitAllReadable(Connection app, Map<Long, String> owner, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try {
                for (long id : owner.keySet()) {
                    assertThat(pointRead(app, id)).isEqualTo("x");
                }
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the node came back but the application could not use it again within " + max, last);
    }

    private static String pointRead(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM items WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
