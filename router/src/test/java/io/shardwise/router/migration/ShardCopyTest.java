package io.shardwise.router.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.router.config.TableSpec;
import io.shardwise.router.topology.ShardingStrategy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's building blocks on two H2 nodes, each checked against plain SQL on the nodes. */
class ShardCopyTest {
    private H2Nodes nodes;
    private TestTopology topology;

    @BeforeEach
    void setUp() throws SQLException {
        nodes = new H2Nodes("a", "b");
        nodes.exec("a",
                "CREATE TABLE orders (id BIGINT NOT NULL, customer_id BIGINT NOT NULL, note VARCHAR(40),"
                        + " amount DECIMAL(12, 2) DEFAULT 0 NOT NULL, PRIMARY KEY (id))",
                "CREATE INDEX orders_customer ON orders (customer_id)",
                "CREATE UNIQUE INDEX orders_note ON orders (note)",
                // no primary key: the queue names shard keys, not row ids, so it still moves exactly
                "CREATE TABLE events (customer_id BIGINT NOT NULL, what VARCHAR(20))");
        for (int c = 0; c < 200; c++) {
            for (int k = 0; k < 3; k++) {
                nodes.exec("a", "INSERT INTO orders VALUES (" + (c * 10 + k) + ", " + c + ", 'n" + c + "_" + k
                        + "', " + (c + k) + ".5)");
            }
            nodes.exec("a", "INSERT INTO events VALUES (" + c + ", 'e'), (" + c + ", 'e')");
        }
        topology = new TestTopology(Set.of("a", "b"))
                .group("g", ShardingStrategy.RANGE, new TableSpec("orders", "customer_id", "g"),
                        new TableSpec("events", "customer_id", "g"))
                .group("h", ShardingStrategy.HASH, new TableSpec("orders", "customer_id", "h"))
                .range(1, "g", Long.MIN_VALUE, 50, "a")
                .range(2, "g", 50, 120, "a")
                .range(3, "g", 120, Long.MAX_VALUE, "a")
                .pinned(4, "g", "a", 77L, 78L)
                .range(10, "h", 0, Long.MAX_VALUE / 2, "a")
                .range(11, "h", Long.MAX_VALUE / 2, Long.MAX_VALUE, "a");
    }

    @AfterEach
    void tearDown() throws SQLException {
        nodes.close();
    }

    @Test
    void createsTheTableOnTheTargetFromTheSourcesDefinition() throws SQLException {
        try (Connection a = nodes.open("a"); Connection b = nodes.open("b")) {
            assertThat(SchemaCopier.createMissing(topology.slice(2), a, b)).containsExactly("orders", "events");
            TableDefinition onA = TableDefinition.read(a, "orders");
            TableDefinition onB = TableDefinition.read(b, "orders");
            assertThat(onB.columns()).isEqualTo(onA.columns());
            assertThat(onB.primaryKey()).containsExactly("ID");
            assertThat(onB.indexes()).extracting(TableDefinition.Index::unique, TableDefinition.Index::columns)
                    .containsExactlyInAnyOrderElementsOf(onA.indexes().stream()
                            .map(i -> org.assertj.core.groups.Tuple.tuple(i.unique(), i.columns())).toList());
            assertThat(onB.column("amount").defaultValue()).isNotNull();
            assertThat(TableDefinition.read(b, "events").hasPrimaryKey()).isFalse();
            // a second call creates nothing
            assertThat(SchemaCopier.createMissing(topology.slice(2), a, b)).isEmpty();
        }
        // the unique index really exists on B
        nodes.exec("b", "INSERT INTO orders VALUES (1, 1, 'x', 1)");
        assertThatThrownBy(() -> nodes.exec("b", "INSERT INTO orders VALUES (2, 1, 'x', 1)"))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void copiesExactlyTheRangeShardsRowsMinusPinnedKeys() throws Exception {
        ShardSlice slice = topology.slice(2);
        long copied = copy(slice);
        String inShard = " WHERE customer_id >= 50 AND customer_id < 120 AND customer_id NOT IN (77, 78)";
        assertThat(nodes.rows("b", "SELECT * FROM orders")).isEqualTo(nodes.rows("a", "SELECT * FROM orders" + inShard));
        assertThat(nodes.rows("b", "SELECT * FROM events")).isEqualTo(nodes.rows("a", "SELECT * FROM events" + inShard));
        assertThat(copied).isEqualTo(68 * 3 + 68 * 2);
    }

    @Test
    void copiesAPinnedShard() throws Exception {
        copy(topology.slice(4));
        assertThat(nodes.rows("b", "SELECT customer_id FROM orders")).containsExactly("77", "77", "77", "78", "78", "78");
    }

    @Test
    void copiesTheTopShardIncludingTheLastPoint() throws Exception {
        nodes.exec("a", "INSERT INTO orders VALUES (-1, " + Long.MAX_VALUE + ", 'max', 1)");
        copy(topology.slice(3));
        assertThat(nodes.count("b", "SELECT COUNT(*) FROM orders WHERE customer_id = " + Long.MAX_VALUE)).isEqualTo(1);
        assertThat(nodes.count("b", "SELECT COUNT(*) FROM orders")).isEqualTo(80 * 3 + 1);
    }

    @Test
    void copiesAHashShardByFilteringKeysOnTheClient() throws Exception {
        ShardSlice slice = topology.slice(10);
        copy(slice);
        List<String> expected = new ArrayList<>();
        for (String row : nodes.rows("a", "SELECT * FROM orders")) {
            long customer = Long.parseLong(row.split("\\|")[1]);
            if (TestTopology.hash(customer) < Long.MAX_VALUE / 2) {
                expected.add(row);
            }
        }
        expected.sort(null);
        assertThat(expected).isNotEmpty().hasSizeLessThan(600);
        assertThat(nodes.rows("b", "SELECT * FROM orders")).isEqualTo(expected);
    }

    @Test
    void throttlesTheCopyToTheConfiguredRate() throws Exception {
        ShardSlice slice = topology.slice(1); // 50 customers * 5 rows = 250 rows
        long t0 = System.nanoTime();
        try (Connection a = nodes.open("a"); Connection b = nodes.open("b")) {
            SchemaCopier.createMissing(slice, a, b);
            new ShardCopier(10, 500).copy(ShardTables.resolve(slice, a, b), a, b, n -> { }, () -> false);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(seconds).isGreaterThan(0.4);
    }

    @Test
    void keySyncMakesTheTargetsRowsOfAKeyEqualTheSourcesCurrentRows() throws Exception {
        ShardSlice slice = topology.slice(2);
        copy(slice);
        nodes.exec("a", "UPDATE orders SET amount = amount + 1 WHERE customer_id = 60",
                "DELETE FROM orders WHERE customer_id = 61", "INSERT INTO orders VALUES (99999, 62, 'new', 3)",
                "DELETE FROM events WHERE customer_id = 62");
        try (Connection a = nodes.open("a"); Connection b = nodes.open("b")) {
            ShardTables tables = ShardTables.resolve(slice, a, b);
            ShardVerifier verifier = new ShardVerifier(8, 100);
            ShardVerifier.Result before = verifier.verify(slice, tables, a, b, null);
            assertThat(before.matches()).isFalse();
            assertThat(before.mismatchedRanges()).isNotEmpty();
            KeySync.sync(tables, a, b, List.of(60L, 61L, 62L));
            KeySync.sync(tables, a, b, List.of(60L, 61L, 62L)); // idempotent
            ShardVerifier.Result after = verifier.verify(slice, tables, a, b, null);
            assertThat(after.matches()).as(after.mismatches().toString()).isTrue();
            assertThat(after.sourceRows()).isEqualTo(after.targetRows()).isEqualTo(68 * 5 - 3 + 1 - 2);
        }
        String inShard = " WHERE customer_id >= 50 AND customer_id < 120 AND customer_id NOT IN (77, 78)";
        assertThat(nodes.rows("b", "SELECT * FROM orders")).isEqualTo(nodes.rows("a", "SELECT * FROM orders" + inShard));
    }

    @Test
    void verifyFindsAChangedRowAndItsKeyRange() throws Exception {
        ShardSlice slice = topology.slice(2);
        copy(slice);
        nodes.exec("b", "UPDATE orders SET note = 'tampered' WHERE id = 1000");
        try (Connection a = nodes.open("a"); Connection b = nodes.open("b")) {
            ShardVerifier verifier = new ShardVerifier(7, 100);
            ShardVerifier.Result r = verifier.verify(slice, ShardTables.resolve(slice, a, b), a, b, null);
            assertThat(r.matches()).isFalse();
            assertThat(r.mismatchedRanges()).containsExactly(new ShardVerifier.Range("orders", slice.bucketOf(100, 7)));
            ShardVerifier.Result only = verifier.verify(slice, ShardTables.resolve(slice, a, b), a, b,
                    r.mismatchedRanges());
            assertThat(only.mismatchedRanges()).isEqualTo(r.mismatchedRanges());
            assertThat(only.sourceRows()).isLessThan(r.sourceRows());
            ShardVerifier.Result keys = verifier.verifyKeys(ShardTables.resolve(slice, a, b), a, b,
                    List.of(KeyCodec.of(100L), KeyCodec.of(101L)));
            assertThat(keys.mismatchedKeys()).containsExactly(KeyCodec.of(100));
        }
    }

    @Test
    void eraseDeletesOnlyTheShardsRows() throws Exception {
        ShardSlice slice = topology.slice(2);
        try (Connection a = nodes.open("a")) {
            long deleted = ShardEraser.erase(ShardTables.onNode(slice, a), a, 7, null);
            assertThat(deleted).isEqualTo(68 * 5);
        }
        assertThat(nodes.count("a", "SELECT COUNT(*) FROM orders WHERE customer_id BETWEEN 50 AND 119"))
                .isEqualTo(6);
        assertThat(nodes.count("a", "SELECT COUNT(*) FROM orders")).isEqualTo(600 - 68 * 3);
    }

    @Test
    void theQueueRecordIsPartOfTheWritersTransaction() throws Exception {
        try (Connection a = nodes.open("a")) {
            ChangeQueue.ensureTable(a);
            a.setAutoCommit(false);
            try (PreparedStatement ps = a.prepareStatement("UPDATE orders SET amount = amount + 1 WHERE customer_id = ?")) {
                ps.setLong(1, 60);
                ps.executeUpdate();
            }
            ChangeQueue.record(a, 7, 2, "g", "orders", 60, "UPDATE", "UPDATE orders ...");
            a.rollback();
            ChangeQueue.record(a, 7, 2, "g", "orders", "k\u00e9y", "UPDATE", null);
            ChangeQueue.record(a, 7, 2, "g", "orders", null, "UPDATE", null);
            ChangeQueue.record(a, 8, 2, "g", "orders", 61, "UPDATE", null);
            a.commit();
            a.setAutoCommit(true);
            List<ChangeQueue.Entry> entries = ChangeQueue.read(a, 7, 10);
            assertThat(entries).extracting(ChangeQueue.Entry::key).containsExactly(KeyCodec.of("k\u00e9y"), null);
            assertThat(entries.get(1).op()).isEqualTo(ChangeQueue.OP_WHOLE_SHARD);
            assertThat(ChangeQueue.backlog(a, 7)).isEqualTo(2);
            ChangeQueue.delete(a, entries.subList(0, 1));
            assertThat(ChangeQueue.backlog(a, 7)).isEqualTo(1);
            ChangeQueue.purge(a, 7);
            assertThat(ChangeQueue.backlog(a, 7)).isZero();
            assertThat(ChangeQueue.backlog(a, 8)).isEqualTo(1);
        }
    }

    @Test
    void keysRoundTripThroughTheQueueEncoding() {
        assertThat(KeyCodec.of(5)).isEqualTo(KeyCodec.of(5L)).isEqualTo(KeyCodec.of(new java.math.BigDecimal("5.00")));
        assertThat(KeyCodec.of(5).value()).isEqualTo(5L);
        java.util.UUID u = java.util.UUID.randomUUID();
        assertThat(KeyCodec.decode("U", KeyCodec.of(u).text()).value()).isEqualTo(u);
        assertThat((byte[]) KeyCodec.of(new byte[] {1, (byte) 0xff}).value()).containsExactly(1, 0xff);
        assertThat(KeyCodec.of(new java.math.BigDecimal("1.50")).value()).isEqualTo(new java.math.BigDecimal("1.5"));
        assertThatThrownBy(() -> KeyCodec.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fenceIsSharedByWritersOnDifferentStripesAndExclusiveForTheCutover() throws Exception {
        try (Connection setup = nodes.open("a"); Connection w1 = nodes.open("a"); Connection w2 = nodes.open("a");
             Connection cut = nodes.open("a")) {
            Fence.install(setup, "g", 2, 9);
            w1.setAutoCommit(false);
            w2.setAutoCommit(false);
            Fence.lockShared(w1, NodeDialect.H2, "g", 2, 9, 0);
            Fence.lockShared(w2, NodeDialect.H2, "g", 2, 9, 1);
            assertThat(Fence.lockExclusive(cut, "g", 2, 200)).isFalse();
            w1.commit();
            w2.commit();
            assertThat(Fence.lockExclusive(cut, "g", 2, 200)).isTrue();
            Fence.markMoved(cut, "g", 2);
            cut.commit();
            assertThatThrownBy(() -> Fence.lockShared(w1, NodeDialect.H2, "g", 2, 9, 0))
                    .isInstanceOf(java.sql.SQLTransientException.class).hasMessageContaining("moved");
            w1.rollback();
        }
    }

    private long copy(ShardSlice slice) throws Exception {
        try (Connection a = nodes.open("a"); Connection b = nodes.open("b")) {
            SchemaCopier.createMissing(slice, a, b);
            long[] seen = {0};
            long n = new ShardCopier(7, 0).copy(ShardTables.resolve(slice, a, b), a, b, x -> seen[0] += x, () -> false);
            assertThat(seen[0]).isEqualTo(n);
            return n;
        }
    }

    static long scalar(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
