package io.shardwise.router.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.router.ShardwiseRouter;
import io.shardwise.router.TestClusters;
import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.topology.KeyPoints;
import io.shardwise.router.topology.Shard;
import io.shardwise.router.topology.ShardState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layout changes and moves through the router's real topology (persisted in a metadata directory). */
class RouterMigrationTest {
    @TempDir
    Path dir;

    private final String prefix = "jdbc:h2:mem:" + UUID.randomUUID() + "-";

    private ShardwiseRouter start(Path metadata) throws SQLException {
        ClusterSpec spec = TestClusters.spec(2, metadata, prefix);
        return ShardwiseRouter.start(spec, MigrationSettings.DEFAULTS.withCleanupDelay(0));
    }

    private static void exec(ShardwiseRouter r, String node, String... sql) throws SQLException {
        try (Connection c = r.nodes().get(node).getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    private static List<Long> keys(ShardwiseRouter r, String node, String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = r.nodes().get(node).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void splitPinMergeChangeOnlyMetadataAndAPinnedKeyMovesAlone() throws Exception {
        try (ShardwiseRouter r = start(dir)) {
            exec(r, "n1", "CREATE TABLE events (id BIGINT PRIMARY KEY, v INT)");
            exec(r, "n2", "CREATE TABLE events (id BIGINT PRIMARY KEY, v INT)");
            for (long id = 0; id < 100; id++) {
                exec(r, "n1", "INSERT INTO events VALUES (" + id + ", 1)");
            }
            Shard low = r.topology().shardFor("events", 5);
            assertThat(low.node()).isEqualTo("n1");
            Shard upper = r.layout().split(low.id(), 50);
            assertThat(upper.lo()).isEqualTo(50);
            assertThat(upper.hi()).isEqualTo(100);
            assertThat(upper.node()).isEqualTo("n1");
            assertThat(r.topology().shard(low.id()).hi()).isEqualTo(50);
            Shard hot = r.layout().pin("events", 42L);
            assertThat(hot.isPinned()).isTrue();
            assertThat(r.topology().shardFor("events", 42).id()).isEqualTo(hot.id());
            assertThatThrownBy(() -> r.layout().pin("events", 42L)).hasMessageContaining("already pinned");
            assertThatThrownBy(() -> r.layout().split(low.id(), 77)).hasMessageContaining("strictly inside");
            assertThatThrownBy(() -> r.layout().pin("nope", 1L)).hasMessageContaining("no group named 'nope'");

            MigrationRecord moved = r.migrations().move(hot.id(), "n2");
            assertThat(moved.state()).isIn(MigrationState.CLEANUP, MigrationState.DONE);
            assertThat(moved.rowsCopied()).isEqualTo(1);
            r.migrations().cleanupNow();
            assertThat(keys(r, "n2", "SELECT id FROM events")).containsExactly(42L);
            assertThat(keys(r, "n1", "SELECT id FROM events")).hasSize(99).doesNotContain(42L);

            assertThatThrownBy(() -> r.layout().merge(hot.id(), low.id())).hasMessageContaining("different nodes");
            r.migrations().move(hot.id(), "n1");
            r.migrations().cleanupNow();
            Shard merged = r.layout().merge(low.id(), upper.id());
            assertThat(merged.lo()).isEqualTo(Long.MIN_VALUE);
            assertThat(merged.hi()).isEqualTo(100);
            r.layout().merge(merged.id(), hot.id());
            assertThat(r.topology().shardFor("events", 42).id()).isEqualTo(merged.id());
            assertThat(r.topology().group("events").shards()).noneMatch(Shard::isPinned);
            assertThat(keys(r, "n1", "SELECT id FROM events")).hasSize(100);
            assertThat(keys(r, "n2", "SELECT id FROM events")).isEmpty();
        }
    }

    @Test
    void aMoveIsPersistedAndSurvivesARestart() throws Exception {
        int shardId;
        long version;
        try (ShardwiseRouter r = start(dir)) {
            exec(r, "n1", "CREATE TABLE events (id BIGINT PRIMARY KEY, v INT)");
            for (long id = 200; id < 260; id++) {
                exec(r, "n1", "INSERT INTO events VALUES (" + id + ", 1)");
            }
            Shard top = r.topology().shardFor("events", 250);
            shardId = top.id();
            assertThat(top.node()).isEqualTo("n1");
            MigrationRecord rec = r.migrations().move(shardId, "n2"); // n2 has no events table yet: created
            assertThat(rec.state()).isIn(MigrationState.CLEANUP, MigrationState.DONE);
            assertThat(r.topology().shard(shardId).node()).isEqualTo("n2");
            assertThat(r.topology().shard(shardId).state()).isEqualTo(ShardState.STABLE);
            assertThat(r.shardRows().stream().filter(x -> x.shardId() == shardId).findFirst().orElseThrow().node())
                    .isEqualTo("n2");
            assertThat(keys(r, "n2", "SELECT id FROM events")).hasSize(60);
            version = r.topology().version();
            r.migrations().cleanupNow();
            // keep the in-memory nodes alive across the restart
            exec(r, "n1", "SET DB_CLOSE_DELAY -1");
            exec(r, "n2", "SET DB_CLOSE_DELAY -1");
        }
        try (ShardwiseRouter again = start(dir)) {
            assertThat(again.topology().shard(shardId).node()).isEqualTo("n2");
            assertThat(again.topology().version()).isEqualTo(version);
            assertThat(again.migrations().migrations()).singleElement()
                    .satisfies(m -> assertThat(m.state()).isEqualTo(MigrationState.DONE));
            assertThat(keys(again, "n1", "SELECT id FROM events")).isEmpty();
        }
    }

    @Test
    void movesAHashShardWithEveryTableOfItsGroup() throws Exception {
        try (ShardwiseRouter r = start(null)) {
            for (String n : new String[] {"n1", "n2"}) {
                exec(r, n, "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT, total INT)",
                        "CREATE INDEX orders_c ON orders (customer_id)",
                        "CREATE TABLE order_items (customer_id BIGINT, sku VARCHAR(10))");
            }
            for (long c = 0; c < 300; c++) {
                String node = r.topology().shardFor("customers", KeyPoints.hashPoint(c)).node();
                exec(r, node, "INSERT INTO orders VALUES (" + c + ", " + c + ", 1)",
                        "INSERT INTO order_items VALUES (" + c + ", 'a'), (" + c + ", 'b')");
            }
            Shard s = r.topology().group("customers").shards().get(0);
            String from = s.node();
            String to = from.equals("n1") ? "n2" : "n1";
            List<Long> expected = new ArrayList<>();
            for (long c = 0; c < 300; c++) {
                if (s.covers(KeyPoints.hashPoint(c))) {
                    expected.add(c);
                }
            }
            assertThat(expected).isNotEmpty();
            MigrationRecord rec = r.migrations().move(s.id(), to);
            assertThat(rec.state()).as(String.valueOf(rec.error())).isIn(MigrationState.CLEANUP, MigrationState.DONE);
            assertThat(rec.rowsCopied()).isEqualTo(expected.size() * 3L);
            r.migrations().cleanupNow();
            List<Long> onTarget = new ArrayList<>();
            for (long c : keys(r, to, "SELECT customer_id FROM orders")) {
                if (s.covers(KeyPoints.hashPoint(c))) {
                    onTarget.add(c);
                }
            }
            assertThat(onTarget).isEqualTo(expected);
            assertThat(keys(r, from, "SELECT customer_id FROM orders")).noneMatch(c -> s.covers(KeyPoints.hashLong(c)));
            assertThat(keys(r, from, "SELECT customer_id FROM order_items"))
                    .noneMatch(c -> s.covers(KeyPoints.hashLong(c)));
            assertThat(keys(r, "n1", "SELECT COUNT(*) FROM orders").get(0)
                    + keys(r, "n2", "SELECT COUNT(*) FROM orders").get(0)).isEqualTo(300);
        }
    }
}
