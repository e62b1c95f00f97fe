package io.shardwise.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.plan.Route;
import io.shardwise.router.plan.StatementPlan;
import io.shardwise.router.topology.KeyPoints;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardwiseRouterTest {
    @TempDir
    Path dir;

    private ClusterSpec spec(Path metadata) {
        return TestClusters.spec(2, metadata, "jdbc:h2:mem:" + UUID.randomUUID() + "-");
    }

    @Test
    void plansAreCachedAndRoutesFollowTheTopology() throws SQLException {
        try (ShardwiseRouter r = ShardwiseRouter.start(spec(null))) {
            StatementPlan p = r.plan("SELECT * FROM orders WHERE customer_id = ?");
            assertThat(r.plan("SELECT * FROM orders WHERE customer_id = ?")).isSameAs(p);
            Route route = p.route(i -> 5L);
            String owner = r.topology().shardFor("customers", KeyPoints.hashPoint(5L)).node();
            assertThat(route.node()).isEqualTo(owner);
            int shard = r.topology().shardFor("customers", KeyPoints.hashPoint(5L)).id();
            String other = owner.equals("n1") ? "n2" : "n1";
            r.liveTopology().update(t -> t.withOwner(shard, other));
            assertThat(p.route(i -> 5L).node()).isEqualTo(other);
        }
    }

    @Test
    void topologyPersistsAcrossRestartsAndTheDirectoryIsLocked() throws SQLException {
        ClusterSpec spec = spec(dir);
        int shard;
        try (ShardwiseRouter r = ShardwiseRouter.start(spec)) {
            shard = r.topology().group("customers").shards().get(0).id();
            r.liveTopology().update(t -> t.withOwner(shard, "n2"));
            assertThatThrownBy(() -> ShardwiseRouter.start(spec)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("in use");
        }
        try (ShardwiseRouter again = ShardwiseRouter.start(spec)) {
            assertThat(again.topology().shard(shard).node()).isEqualTo("n2");
            assertThat(again.topology().version()).isEqualTo(2);
            List<ShardRow> rows = again.shardRows();
            assertThat(rows).hasSize(8 + 3 + 4);
            assertThat(rows.get(0)).isEqualTo(new ShardRow("customers", shard, rows.get(0).keys(), "n2", "STABLE", 2));
            assertThat(rows.get(0).keys()).startsWith("[0, ");
        }
    }

    @Test
    void executionsReachTheProfiler() throws SQLException {
        try (ShardwiseRouter r = ShardwiseRouter.start(spec(null))) {
            StatementPlan p = r.plan("SELECT * FROM orders WHERE customer_id = ?");
            for (long k = 0; k < 100; k++) {
                long key = k % 3 == 0 ? 42L : k;
                r.recordExecution(p.route(i -> key), i -> key, 1_000);
            }
            int id = r.profilerGroupId("customers");
            assertThat(id).isZero();
            assertThat(r.profilerGroupId("events")).isEqualTo(1);
            assertThat(r.profiler().hotspots()).isNotNull();
            assertThat(r.profiler().groupIds()).containsExactly(0, 1, 2);
        }
    }

    @Test
    void recordingReportsGroupKeyPointAndKind() throws SQLException {
        try (ShardwiseRouter r = ShardwiseRouter.start(spec(null))) {
            List<Object[]> seen = new ArrayList<>();
            r.setRecorder((group, hasKey, point, value, write, nanos) -> seen.add(new Object[] {group, hasKey, point,
                    value, write}));
            Route point = r.plan("UPDATE orders SET total = 1 WHERE customer_id = ?").route(i -> 9L);
            r.recordExecution(point, i -> 9L, 1000);
            Route plain = r.plan("SELECT * FROM settings").route(i -> null);
            r.recordExecution(plain, 1000);
            Route scatter = r.plan("SELECT * FROM orders").route(i -> null);
            r.recordExecution(scatter, 1000);
            assertThat(seen).hasSize(2);
            assertThat(seen.get(0)).containsExactly("customers", true, KeyPoints.hashPoint(9L), 9L, true);
            assertThat(seen.get(1)).containsExactly("customers", false, 0L, null, false);
        }
    }
}
