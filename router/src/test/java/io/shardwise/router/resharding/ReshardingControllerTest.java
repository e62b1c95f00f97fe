package io.shardwise.router.resharding;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardwise.profiler.KeySpace;
import io.shardwise.profiler.ManualTimeSource;
import io.shardwise.profiler.Profiler;
import io.shardwise.profiler.ProfilerConfig;
import io.shardwise.profiler.plan.GroupLayout;
import io.shardwise.profiler.plan.NodeLoads;
import io.shardwise.profiler.plan.ShardLayout;
import io.shardwise.profiler.plan.ShardSpec;
import io.shardwise.router.ShardwiseRouter;
import io.shardwise.router.TestClusters;
import io.shardwise.router.migration.MigrationSettings;
import io.shardwise.router.topology.Shard;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The controller over a real router on two H2 in-memory nodes: the profiler is the real one on a manual clock with
 * 1-second buckets (one bucket per forecast step), fed synthetic loads; the moves run through the real migration
 * engine, and the rows are counted on the nodes directly afterwards.
 */
class ReshardingControllerTest {
    private static final int ROWS = 300; // events ids 0..299: shards [MIN,100) [100,200) [200,MAX)

    private ShardwiseRouter router;
    private ManualTimeSource clock;
    private Profiler profiler;
    private int group;

    @BeforeEach
    void start() throws SQLException {
        String prefix = "jdbc:h2:mem:" + UUID.randomUUID() + "-";
        router = ShardwiseRouter.start(TestClusters.spec(2, null, prefix),
                MigrationSettings.DEFAULTS.withCleanupDelay(0));
        for (String n : List.of("n1", "n2")) {
            exec(n, "SET DB_CLOSE_DELAY -1", "CREATE TABLE events (id BIGINT PRIMARY KEY, v INT)");
        }
        for (long id = 0; id < ROWS; id++) {
            exec(router.topology().shardFor("events", id).node(), "INSERT INTO events VALUES (" + id + ", 1)");
        }
        clock = new ManualTimeSource(1_000_000_000L);
        profiler = new Profiler(ProfilerConfig.defaults().withBucket(Duration.ofSeconds(1))
                .withHistory(Duration.ofMinutes(10)).withSteps(1, 3).withSeason(-1, 2).withBacktestOrigins(4),
                clock);
        group = router.profilerGroupId("events");
        // The keys live in 0..299: a key space around them lets the profiler resolve the load in few buckets.
        profiler.registerGroup(group, "events", KeySpace.range(0, 1023));
    }

    @AfterEach
    void stop() throws SQLException {
        router.close();
    }

    private ReshardingController controller(ReshardingSettings s) {
        ReshardingController c = new ReshardingController(s.withEnabled(true), new EngineActions(router),
                Leadership.LOCAL, clock);
        profiler.addListener(c);
        return c;
    }

    /** One bucket: the layout as the router has it now, the given load per key, then the roll. */
    private void bucket(LongUnaryOperator loadOfKey) {
        profiler.setLayout(layout());
        for (long k = 0; k < ROWS; k++) {
            long n = loadOfKey.applyAsLong(k);
            for (long i = 0; i < n; i++) {
                profiler.record(group, k, k, true, 1000);
            }
        }
        clock.advance(Duration.ofSeconds(1));
        profiler.rollIfDue();
    }

    private void awaitMoves() throws Exception {
        for (var m : router.migrations().migrations()) {
            if (m.state().beforeFlip()) {
                assertThat(router.migrations().await(m.id, 30_000).state().beforeFlip()).isFalse();
            }
        }
        router.migrations().cleanupNow();
    }

    /** The router's topology as the profiler's layout (one row per key in this test). */
    private ShardLayout layout() {
        List<ShardSpec> shards = new ArrayList<>();
        for (Shard s : router.topology().group("events").shards()) {
            long rows = 0;
            for (long k = 0; k < ROWS; k++) {
                if (s.covers(k) && router.topology().shardFor("events", k).id() == s.id()) {
                    rows++;
                }
            }
            if (s.isPinned()) {
                List<Long> pts = new ArrayList<>();
                for (long p : s.pinned()) {
                    pts.add(p);
                }
                shards.add(ShardSpec.pinned(s.id(), pts, s.node(), rows));
            } else {
                shards.add(ShardSpec.range(s.id(), s.lo(), s.hi(), s.node(), rows));
            }
        }
        return new ShardLayout(router.topology().version(), List.of("n1", "n2"),
                List.of(new GroupLayout(group, shards, 1)));
    }

    private double nodeImbalance(LongUnaryOperator loadOfKey) {
        double[] perNode = new double[2];
        for (long k = 0; k < ROWS; k++) {
            String n = router.topology().shardFor("events", k).node();
            perNode[n.equals("n1") ? 0 : 1] += loadOfKey.applyAsLong(k);
        }
        return NodeLoads.imbalanceAt(Map.of("n1", new double[] {perNode[0]}, "n2", new double[] {perNode[1]}), 0);
    }

    private long countOn(String node) throws SQLException {
        try (Connection c = router.nodes().get(node).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void exec(String node, String... sql) throws SQLException {
        try (Connection c = router.nodes().get(node).getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** Every key of both nodes counted directly: each inserted id exactly once. */
    private void assertNoRowLostOrDuplicated() throws SQLException {
        assertThat(countOn("n1") + countOn("n2")).isEqualTo(ROWS);
        for (long k = 0; k < ROWS; k++) {
            String owner = router.topology().shardFor("events", k).node();
            try (Connection c = router.nodes().get(owner).getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events WHERE id = " + k)) {
                rs.next();
                assertThat(rs.getLong(1)).as("key %d on its owner %s", k, owner).isEqualTo(1);
            }
        }
    }

    @Test
    void aPlantedSkewIsSplitAndMovedAndTheImbalanceDrops() throws Exception {
        // All the load on n1's shards [MIN,100) and [200,MAX); n2's [100,200) is cold.
        LongUnaryOperator skew = k -> k < 100 || k >= 200 ? 20 : 1;
        String before = router.topology().shardFor("events", 0).node() + "/"
                + router.topology().shardFor("events", 150).node();
        double imbalanceBefore = nodeImbalance(skew);
        ReshardingController c = controller(ReshardingSettings.DEFAULTS.withHysteresis(2, 2));
        for (int b = 0; b < 12; b++) {
            bucket(skew);
            awaitMoves();
        }
        assertThat(c.decisions()).isNotEmpty();
        Decision first = c.decisions().get(0);
        assertThat(first.imbalanceBefore()).isGreaterThanOrEqualTo(1.3);
        assertThat(first.imbalanceAfter()).isLessThan(first.imbalanceBefore());
        assertThat(first.outcome()).startsWith("EXECUTED");
        assertThat(first.trigger()).contains("for 2 bucket(s)");
        double imbalanceAfter = nodeImbalance(skew);
        assertThat(imbalanceAfter).as("layout was %s", before).isLessThan(imbalanceBefore).isLessThan(1.3);
        assertThat(c.decisions().get(0).outcome()).contains("done (");
        assertThat(c.observedRowsPerSecond()).isNotEqualTo(ReshardingSettings.DEFAULTS.initialRowsPerSecond());
        assertNoRowLostOrDuplicated();
    }

    @Test
    void aSkewThatDoesNotPersistTriggersNothing() throws Exception {
        // Skewed every other bucket only: with persist=2 the imbalance never holds two buckets in a row.
        LongUnaryOperator skew = k -> k < 100 || k >= 200 ? 30 : 1;
        LongUnaryOperator even = k -> k >= 100 && k < 200 ? 40 : 20; // n1 2 x 2000, n2 4000: balanced
        ReshardingController c = controller(ReshardingSettings.DEFAULTS.withMode(ReshardingSettings.Mode.REACTIVE)
                .withHysteresis(0, 2));
        for (int b = 0; b < 10; b++) {
            bucket(b % 2 == 0 ? skew : even);
            awaitMoves();
        }
        assertThat(router.migrations().migrations()).isEmpty();
        assertThat(c.decisions()).isEmpty();
    }

    @Test
    void hysteresisStopsPingPongOnAFlipFloppingLoad() throws Exception {
        // The hot spot jumps between n1's [MIN,100) and n2's [100,200) every bucket.
        LongUnaryOperator left = k -> k < 100 ? 30 : 1;
        LongUnaryOperator middle = k -> k >= 100 && k < 200 ? 30 : 1;
        ReshardingController c = controller(ReshardingSettings.DEFAULTS.withMode(ReshardingSettings.Mode.REACTIVE)
                .withHysteresis(100, 1));
        for (int b = 0; b < 12; b++) {
            bucket(b % 2 == 0 ? left : middle);
            awaitMoves();
        }
        List<Integer> moved = router.migrations().migrations().stream().map(m -> m.shardId).toList();
        assertThat(moved).as("no shard moves twice within the cool-down").doesNotHaveDuplicates();
        assertThat(c.decisions()).anySatisfy(d -> assertThat(d.steps()).anyMatch(s -> s.contains("hysteresis")));
        assertNoRowLostOrDuplicated();
    }

    @Test
    void theRowBudgetIsHonoured() throws Exception {
        LongUnaryOperator skew = k -> k < 100 || k >= 200 ? 20 : 1;
        ReshardingController c = controller(ReshardingSettings.DEFAULTS.withHysteresis(0, 1).withRowsPerHour(60));
        for (int b = 0; b < 8; b++) {
            bucket(skew);
            awaitMoves();
        }
        long copied = router.migrations().migrations().stream().mapToLong(m -> m.rowsCopied()).sum();
        assertThat(copied).isLessThanOrEqualTo(60);
        assertThat(c.decisions()).anySatisfy(d -> assertThat(d.steps()).anyMatch(s -> s.contains("rows-per-hour")));
        assertNoRowLostOrDuplicated();
    }

    @Test
    void offByDefaultAndBadValuesAreRefusedByName() {
        assertThat(ReshardingSettings.fromProperties(Map.of()).enabled()).isFalse();
        ReshardingSettings s = ReshardingSettings.fromProperties(Map.of("resharding.enabled", "true",
                "resharding.mode", "reactive", "resharding.threshold", "1.5", "resharding.rows-per-hour", "1000",
                "resharding.hysteresis", "4", "resharding.persist", "3", "resharding.max-migrations-per-node", "2"));
        assertThat(s).extracting(ReshardingSettings::enabled, ReshardingSettings::mode, ReshardingSettings::threshold,
                ReshardingSettings::rowsPerHour, ReshardingSettings::cooldownBuckets,
                ReshardingSettings::persistBuckets, ReshardingSettings::maxMigrationsPerNode)
                .containsExactly(true, ReshardingSettings.Mode.REACTIVE, 1.5, 1000L, 4, 3, 2);
        for (var bad : List.of(Map.of("resharding.enabled", "yes"), Map.of("resharding.mode", "eager"),
                Map.of("resharding.threshold", "0.9"), Map.of("resharding.threshold", "x"),
                Map.of("resharding.rows-per-hour", "-1"), Map.of("resharding.max-migrations-per-node", "0"))) {
            String key = bad.keySet().iterator().next();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReshardingSettings.fromProperties(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key);
        }
    }

    @Test
    void aNonLeaderDecidesNothing() throws Exception {
        ReshardingController c = new ReshardingController(ReshardingSettings.DEFAULTS.withEnabled(true)
                .withHysteresis(0, 1), new EngineActions(router), () -> false, clock);
        profiler.addListener(c);
        for (int b = 0; b < 4; b++) {
            bucket(k -> k < 100 || k >= 200 ? 20 : 1);
        }
        assertThat(c.decisions()).isEmpty();
        assertThat(router.migrations().migrations()).isEmpty();
    }
}
