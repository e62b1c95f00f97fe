package io.shardwise.router.topology.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.shardwise.router.ShardwiseRouter;
import io.shardwise.router.TestClusters;
import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.migration.MigrationRecord;
import io.shardwise.router.migration.MigrationSettings;
import io.shardwise.router.migration.MigrationState;
import io.shardwise.router.migration.MigrationWriteSession;
import io.shardwise.router.topology.KeyPoints;
import io.shardwise.router.topology.Shard;
import io.shardwise.router.topology.ShardingStrategy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two routers (two driver instances) in one JVM over the same two H2 nodes, sharing their topology through a real
 * three-server ZooKeeper ensemble: a shard move made by one is routed by both, each migration step waits for both,
 * and a router cut off from ZooKeeper refuses writes to sharded tables until it has caught up.
 */
class ZooKeeperRouterTest {
    private static TestingCluster cluster;
    private static List<InstanceSpec> specs;

    private final String prefix = "jdbc:h2:mem:" + UUID.randomUUID() + "-";
    private final List<ShardwiseRouter> started = new ArrayList<>();

    @BeforeAll
    static void startEnsemble() throws Exception {
        specs = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            specs.add(new InstanceSpec(null, -1, -1, -1, true, id, 250, -1)); // sessions of at most 5 s
        }
        cluster = new TestingCluster(specs);
        cluster.start();
    }

    @AfterAll
    static void stopEnsemble() throws Exception {
        cluster.close();
    }

    @AfterEach
    void closeRouters() throws SQLException {
        for (ShardwiseRouter r : started) {
            r.close();
        }
    }

    private ShardwiseRouter start(List<InstanceSpec> servers) throws Exception {
        StringBuilder hosts = new StringBuilder();
        for (InstanceSpec s : servers) {
            hosts.append(hosts.length() == 0 ? "" : ",").append("127.0.0.1:").append(s.getPort());
        }
        ClusterSpec spec = TestClusters.spec(2, null, prefix)
                .withZooKeeper(ZooKeeperAddress.parse("zookeeper://" + hosts + "/" + prefix.hashCode()));
        ShardwiseRouter r = ShardwiseRouter.start(spec, MigrationSettings.DEFAULTS.withCleanupDelay(0));
        started.add(r);
        return r;
    }

    private static void exec(ShardwiseRouter r, String node, String sql) throws SQLException {
        try (Connection c = r.nodes().get(node).getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void aShardMovedByOneRouterIsRoutedByBothAndEveryStepWaitsForBoth() throws Exception {
        ShardwiseRouter one = start(specs);
        ShardwiseRouter two = start(specs);
        assertThat(two.topology()).isEqualTo(one.topology());
        exec(one, "n1", "CREATE TABLE events (id BIGINT PRIMARY KEY, v INT)");
        exec(one, "n2", "CREATE TABLE events (id BIGINT PRIMARY KEY, v INT)");
        for (long id = 0; id < 20; id++) {
            exec(one, "n1", "INSERT INTO events VALUES (" + id + ", 1)");
        }
        Shard low = one.topology().shardFor("events", 5);
        assertThat(low.node()).isEqualTo("n1");

        MigrationRecord moved = one.migrations().move(low.id(), "n2");
        assertThat(moved.state()).isIn(MigrationState.CLEANUP, MigrationState.DONE);
        await().atMost(5, TimeUnit.SECONDS).until(() -> two.topology().equals(one.topology()));
        assertThat(two.topology().shard(low.id()).node()).isEqualTo("n2");
        ZooKeeperTopologyStore zk = one.zooKeeper().orElseThrow();
        // the controller's leadership: exactly one of the two routers leads
        var leaders = List.of(one.leadership(), two.leadership());
        await().atMost(5, TimeUnit.SECONDS).until(() -> leaders.stream().filter(l -> l.isLeader()).count() == 1);
        assertThat(zk.liveInstances()).hasSize(2).allSatisfy((id, acked) ->
                assertThat(acked).isEqualTo(one.topology().version()));
    }

    @Test
    void aRouterCutOffFromZooKeeperRefusesShardedWritesUntilItHasCaughtUp() throws Exception {
        ShardwiseRouter one = start(specs.subList(0, 2));
        ShardwiseRouter cutOff = start(specs.subList(2, 3)); // talks to server 3 only
        exec(one, "n1", "CREATE TABLE events (id BIGINT PRIMARY KEY, v INT)");
        exec(one, "n2", "CREATE TABLE events (id BIGINT PRIMARY KEY, v INT)");
        Shard low = one.topology().shardFor("events", 5);
        long point = KeyPoints.point(ShardingStrategy.RANGE, 5L);

        cluster.killServer(specs.get(2));
        try (Connection n1 = cutOff.nodes().get("n1").getConnection()) {
            MigrationWriteSession writes = new MigrationWriteSession(cutOff.migrations());
            await().atMost(5, TimeUnit.SECONDS).until(() -> cutOff.zooKeeper().orElseThrow()
                    .writeBlockReason() != null);
            assertThatThrownBy(() -> writes.beforeWrite("n1", n1, low.id(), "events", 5L, point, "INSERT", null))
                    .isInstanceOf(SQLTransientException.class)
                    .hasMessageContaining("refuses writes to sharded tables");
            // the other router moves the shard meanwhile: its steps wait until the cut-off router's session ends
            MigrationRecord moved = one.migrations().move(low.id(), "n2");
            assertThat(moved.state()).isIn(MigrationState.CLEANUP, MigrationState.DONE);
            assertThat(cutOff.topology().shard(low.id()).node()).isEqualTo("n1"); // stale, and refusing writes
            assertThatThrownBy(() -> writes.beforeWrite("n1", n1, low.id(), "events", 5L, point, "INSERT", null))
                    .isInstanceOf(SQLTransientException.class);
        } finally {
            cluster.restartServer(specs.get(2));
        }
        await().atMost(20, TimeUnit.SECONDS).until(() -> cutOff.zooKeeper().orElseThrow().writeBlockReason() == null);
        assertThat(cutOff.topology()).isEqualTo(one.topology());
        try (Connection n2 = cutOff.nodes().get("n2").getConnection()) {
            MigrationWriteSession writes = new MigrationWriteSession(cutOff.migrations());
            writes.beforeWrite("n2", n2, low.id(), "events", 5L, point, "INSERT", null); // allowed again
            writes.afterTransaction();
        }
    }
}
