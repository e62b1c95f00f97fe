package io.shardwise.router.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.router.config.TableSpec;
import io.shardwise.router.topology.ShardingStrategy;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole migrations on two H2 nodes, each outcome checked with plain SQL on the nodes. */
class MigrationEngineTest {
    private static final MigrationSettings FAST = new MigrationSettings(50, 0, 2000, 300, 50, 20, 3, 20_000, 2000, 8,
            60_000, 3);

    @TempDir
    Path dir;
    private H2Nodes nodes;
    private TestTopology topology;
    private MigrationEngine engine;

    @BeforeEach
    void setUp() throws SQLException {
        nodes = new H2Nodes("a", "b");
        nodes.exec("a", Workload.DDL);
        nodes.exec("b", Workload.DDL);
        for (int k = 0; k < 400; k++) {
            nodes.exec("a", "INSERT INTO acct VALUES (" + k + ", " + k + ", 's" + k + "')");
        }
        topology = new TestTopology(Set.of("a", "b"))
                .group("g", ShardingStrategy.RANGE, new TableSpec("acct", "k", "g"))
                .range(1, "g", Long.MIN_VALUE, 200, "a")
                .range(2, "g", 200, Long.MAX_VALUE, "a");
    }

    @AfterEach
    void tearDown() throws SQLException {
        if (engine != null) {
            engine.close();
        }
        nodes.close();
    }

    private MigrationEngine engine(MigrationSettings settings, NodeConnections conns) throws Exception {
        engine = new MigrationEngine(topology, conns, new MigrationStore(dir), settings);
        return engine;
    }

    @Test
    void movesAShardAndCleansUpTheSource() throws Exception {
        engine(FAST.withCleanupDelay(60_000), nodes);
        List<String> before = nodes.rows("a", "SELECT * FROM acct WHERE k >= 200");
        MigrationRecord r = engine.move(2, "b");
        assertThat(r.state()).isEqualTo(MigrationState.CLEANUP);
        assertThat(r.rowsCopied()).isEqualTo(200);
        assertThat(topology.owner(2)).isEqualTo("b");
        assertThat(topology.state(2)).isNull();
        assertThat(nodes.rows("b", "SELECT * FROM acct")).isEqualTo(before);
        // deferred: the source still has its rows until the cleanup runs
        assertThat(nodes.count("a", "SELECT COUNT(*) FROM acct WHERE k >= 200")).isEqualTo(200);
        engine.cleanupNow();
        assertThat(engine.migration(r.id).state()).isEqualTo(MigrationState.DONE);
        assertThat(nodes.count("a", "SELECT COUNT(*) FROM acct WHERE k >= 200")).isZero();
        assertThat(nodes.count("a", "SELECT COUNT(*) FROM acct")).isEqualTo(200);
        assertThat(nodes.count("a", "SELECT COUNT(*) FROM shardwise_change_queue")).isZero();
        // the record survived on disk
        MigrationStore reread = new MigrationStore(dir);
        assertThat(reread.get(r.id).state()).isEqualTo(MigrationState.DONE);
        assertThat(reread.get(r.id).rowsCopied()).isEqualTo(200);
    }

    @Test
    void createsTheTableOnATargetThatLacksIt() throws Exception {
        nodes.exec("b", "DROP TABLE acct");
        engine(FAST, nodes);
        engine.move(2, "b");
        assertThat(nodes.count("b", "SELECT COUNT(*) FROM acct")).isEqualTo(200);
    }

    @Test
    void refusesBadRequests() throws Exception {
        engine(FAST, nodes);
        assertThatThrownBy(() -> engine.start(2, "c")).hasMessageContaining("no node named 'c'");
        assertThatThrownBy(() -> engine.start(2, "a")).hasMessageContaining("already on node a");
        assertThatThrownBy(() -> engine.start(9, "b")).hasMessageContaining("no shard 9");
    }

    @Test
    void writersDuringTheMoveLoseNothingAndDoubleNothing() throws Exception {
        engine(FAST.withCopyRate(2000).withCleanupDelay(60_000), nodes);
        nodes.exec("a", "DELETE FROM acct");
        Workload w = new Workload(engine, topology, nodes, 8, 400);
        List<Thread> threads = w.start();
        Thread.sleep(300);
        MigrationRecord there = engine.move(2, "b");
        assertThat(there.state()).as(String.valueOf(there.error())).isEqualTo(MigrationState.CLEANUP);
        Thread.sleep(300);
        MigrationRecord back = engine.move(2, "a");
        assertThat(back.state()).as(String.valueOf(back.error())).isEqualTo(MigrationState.CLEANUP);
        Thread.sleep(200);
        w.stopAndJoin(threads);
        engine.cleanupNow();
        assertThat(w.violations).isEmpty();
        assertThat(w.acknowledged.get()).isGreaterThan(200);
        assertThat(w.actualRows("a", "b")).isEqualTo(w.expectedRows());
        // after both cleanups every row is on its owner only
        assertThat(nodes.count("b", "SELECT COUNT(*) FROM acct")).isZero();
        assertThat(nodes.rows("a", "SELECT k, n, s FROM acct")).isEqualTo(w.expectedRows());
    }

    @Test
    void aMoveBackBeforeTheSourcesCleanupLosesNothing() throws Exception {
        engine(FAST.withCleanupDelay(600_000), nodes);
        engine.move(2, "b");
        nodes.exec("b", "UPDATE acct SET n = n + 1000 WHERE k = 300", "DELETE FROM acct WHERE k = 301",
                "INSERT INTO acct VALUES (1000, 1, 'new')");
        engine.move(2, "a");
        nodes.exec("a", "UPDATE acct SET n = n + 1 WHERE k = 302");
        // both deferred cleanups run now, in order: the first must not delete the rows that came back to A
        engine.cleanupNow();
        assertThat(nodes.count("a", "SELECT n FROM acct WHERE k = 300")).isEqualTo(1300);
        assertThat(nodes.count("a", "SELECT COUNT(*) FROM acct WHERE k = 301")).isZero();
        assertThat(nodes.count("a", "SELECT n FROM acct WHERE k = 302")).isEqualTo(303);
        assertThat(nodes.count("a", "SELECT COUNT(*) FROM acct WHERE k = 1000")).isEqualTo(1);
        assertThat(nodes.count("a", "SELECT COUNT(*) FROM acct")).isEqualTo(400);
        assertThat(nodes.count("b", "SELECT COUNT(*) FROM acct")).isZero();
    }

    @Test
    void targetFailingMidCopyFailsTheMigrationAndTheSourceStaysOwner() throws Exception {
        AtomicInteger inserts = new AtomicInteger();
        NodeConnections failingB = node -> {
            Connection c = nodes.open(node);
            return node.equals("b") ? failInsertsAfter(c, inserts, 2) : c;
        };
        engine(FAST, failingB);
        List<String> before = nodes.rows("a", "SELECT * FROM acct");
        MigrationRecord r = engine.move(2, "b");
        assertThat(r.state()).isEqualTo(MigrationState.FAILED);
        assertThat(r.error()).contains("injected");
        assertThat(topology.owner(2)).isEqualTo("a");
        assertThat(topology.state(2)).isNull();
        assertThat(topology.flips.get()).isZero();
        assertThat(nodes.count("b", "SELECT COUNT(*) FROM acct")).as("partial rows removed").isZero();
        assertThat(nodes.rows("a", "SELECT * FROM acct")).isEqualTo(before);
        assertThat(nodes.count("a", "SELECT COUNT(*) FROM shardwise_change_queue")).isZero();
        assertThat(engine.gates().gate(2).migration()).isNull();
        // and the shard can be moved once B is healthy
        inserts.set(Integer.MIN_VALUE);
        assertThat(engine.move(2, "b").state()).isEqualTo(MigrationState.CLEANUP);
    }

    @Test
    void sourceFailingMidCopyFailsTheMigrationCleanly() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        NodeConnections failingA = node -> {
            Connection c = nodes.open(node);
            if (!node.equals("a")) {
                return c;
            }
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, m, args) -> {
                        if (m.getName().equals("prepareStatement") && args[0].toString().startsWith("SELECT")
                                && args[0].toString().toLowerCase().contains("acct") && reads.incrementAndGet() > 3) {
                            throw new SQLException("injected: node a went away", "08006");
                        }
                        try {
                            return m.invoke(c, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        };
        engine(FAST, failingA);
        List<String> before = nodes.rows("a", "SELECT * FROM acct");
        MigrationRecord r = engine.move(2, "b");
        assertThat(r.state()).isEqualTo(MigrationState.FAILED);
        assertThat(r.error()).contains("node a went away");
        assertThat(topology.owner(2)).isEqualTo("a");
        assertThat(topology.flips.get()).isZero();
        assertThat(nodes.count("b", "SELECT COUNT(*) FROM acct")).isZero();
        assertThat(nodes.rows("a", "SELECT * FROM acct")).isEqualTo(before);
        assertThat(engine.gates().gate(2).migration()).isNull();
    }

    @Test
    void partialRowsOnAnUnreachableTargetAreRemovedWhenItIsBack() throws Exception {
        AtomicInteger inserts = new AtomicInteger();
        NodeConnections conns = node -> {
            Connection c = nodes.open(node);
            if (node.equals("b") && inserts.get() >= 0) {
                // after two batches B "goes away": the insert fails and so does every later connection attempt
                return failInsertsAfter(c, inserts, 2);
            }
            return c;
        };
        engine(FAST, node -> {
            if (node.equals("b") && inserts.get() > 2) {
                throw new SQLException("injected: b unreachable", "08001");
            }
            return conns.open(node);
        });
        MigrationRecord r = engine.move(2, "b");
        assertThat(r.state()).isEqualTo(MigrationState.FAILED);
        assertThat(nodes.count("b", "SELECT COUNT(*) FROM acct")).isGreaterThan(0);
        assertThat(r.targetCleanupPending()).isTrue();
        engine.close();
        // a restart with B reachable again removes them
        inserts.set(Integer.MIN_VALUE);
        engine(FAST, nodes);
        engine.recover();
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS)
                .until(() -> nodes.count("b", "SELECT COUNT(*) FROM acct") == 0);
    }

    @Test
    void cancelRollsBack() throws Exception {
        engine(FAST.withCopyRate(100), nodes);
        MigrationRecord r = engine.start(2, "b");
        Thread.sleep(300);
        assertThat(engine.migration(r.id).state()).isEqualTo(MigrationState.COPYING);
        MigrationRecord done = engine.cancel(r.id);
        assertThat(done.state()).isEqualTo(MigrationState.CANCELLED);
        assertThat(topology.owner(2)).isEqualTo("a");
        assertThat(nodes.count("b", "SELECT COUNT(*) FROM acct")).isZero();
        assertThatThrownBy(() -> engine.cancel(r.id)).hasMessageContaining("CANCELLED");
    }

    @Test
    void aFailedFlipLeavesTheSourceOwner() throws Exception {
        engine(FAST, nodes);
        topology.failFlip = true;
        MigrationRecord r = engine.move(2, "b");
        assertThat(r.state()).isEqualTo(MigrationState.FAILED);
        assertThat(r.error()).contains("topology store is unavailable");
        assertThat(topology.owner(2)).isEqualTo("a");
        assertThat(nodes.count("b", "SELECT COUNT(*) FROM acct")).isZero();
    }

    @Test
    void theCutoverWaitsForAnOpenTransactionWithABoundAndRetries() throws Exception {
        engine(FAST, nodes);
        MigrationWriteSession session = new MigrationWriteSession(engine);
        try (Connection a = nodes.open("a")) {
            a.setAutoCommit(false);
            // a transaction that wrote to the shard before the migration and stays open for a while
            session.beforeWrite("a", a, 2, "acct", 250L, 250, "UPDATE", null);
            a.createStatement().executeUpdate("UPDATE acct SET n = -1 WHERE k = 250");
            MigrationRecord r = engine.start(2, "b");
            Thread.sleep(1200);
            // writes are recorded from now on, but the copy waits until the open transaction has ended
            assertThat(engine.migration(r.id).rowsCopied()).isZero();
            assertThat(engine.gates().gate(2).migration()).isNotNull();
            a.commit();
            session.afterTransaction();
            MigrationRecord done = engine.await(r.id, 30_000);
            assertThat(done.state()).isEqualTo(MigrationState.CLEANUP);
        }
        assertThat(nodes.count("b", "SELECT n FROM acct WHERE k = 250")).isEqualTo(-1);
    }

    @Test
    void aWriterAtAFrozenShardGivesUpAfterTheFreezeTimeout() throws Exception {
        ShardGate gate = new ShardGate();
        assertThat(gate.freeze(TimeUnit.MILLISECONDS.toNanos(10))).isTrue();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> gate.enterShared(TimeUnit.MILLISECONDS.toNanos(150), 7))
                .isInstanceOf(SQLTransientException.class).hasMessageContaining("migration.freeze-timeout");
        assertThat(System.nanoTime() - t0).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(140));
        gate.unfreeze();
        gate.enterShared(1, 7);
        // a freeze that cannot get in gives up and unfreezes
        assertThat(gate.freeze(TimeUnit.MILLISECONDS.toNanos(50))).isFalse();
        assertThat(gate.frozen()).isFalse();
        gate.exitShared();
        assertThat(gate.holders()).isZero();
    }

    @Test
    void aWriteWithoutAShardKeyMakesTheEngineRecopyTheShard() throws Exception {
        engine(FAST.withCopyRate(400).withCleanupDelay(60_000), nodes);
        MigrationRecord r = engine.start(2, "b");
        Thread.sleep(200);
        MigrationWriteSession session = new MigrationWriteSession(engine);
        try (Connection a = nodes.open("a")) {
            session.beforeKeylessWrite("a", a, topology.shardsOn("g", "a"), "acct", "UPDATE acct SET n = n * 2");
            a.createStatement().executeUpdate("UPDATE acct SET n = n * 2");
            session.afterStatement(true);
        }
        MigrationRecord done = engine.await(r.id, 30_000);
        assertThat(done.state()).isEqualTo(MigrationState.CLEANUP);
        assertThat(nodes.rows("b", "SELECT * FROM acct")).isEqualTo(nodes.rows("a", "SELECT * FROM acct WHERE k >= 200"));
        assertThat(nodes.count("b", "SELECT n FROM acct WHERE k = 300")).isEqualTo(600);
    }

    @Test
    void restartRollsBackAMoveCutShortBeforeTheFlip() throws Exception {
        MigrationStore store = new MigrationStore(dir);
        MigrationRecord r = new MigrationRecord(store.nextId(), topology.slice(2), "a", "b", System.currentTimeMillis());
        r.state(MigrationState.CATCHING_UP);
        store.save(r);
        topology.markState(2, MigrationState.CATCHING_UP, "b");
        nodes.exec("b", "INSERT INTO acct SELECT * FROM (VALUES (250, 1, 'partial'), (251, 1, 'partial'))",
                "INSERT INTO acct VALUES (5, 5, 'not ours')");
        engine(FAST, nodes).recover();
        MigrationRecord after = engine.migration(r.id);
        assertThat(after.state()).isEqualTo(MigrationState.FAILED);
        assertThat(after.error()).contains("restart");
        assertThat(topology.owner(2)).isEqualTo("a");
        assertThat(topology.state(2)).isNull();
        assertThat(nodes.rows("b", "SELECT k FROM acct")).containsExactly("5");
    }

    @Test
    void restartFinishesAMoveWhoseFlipWasPersisted() throws Exception {
        MigrationStore store = new MigrationStore(dir);
        MigrationRecord r = new MigrationRecord(store.nextId(), topology.slice(2), "a", "b", System.currentTimeMillis());
        r.state(MigrationState.CUTOVER);
        store.save(r);
        try (Connection a = nodes.open("a"); Connection b = nodes.open("b")) {
            ShardSlice s = topology.slice(2);
            new ShardCopier(100, 0).copy(ShardTables.resolve(s, a, b), a, b, n -> { }, () -> false);
        }
        topology.setOwner(2, "b"); // the flip reached the topology store, then the process died
        engine(FAST.withCleanupDelay(0), nodes).recover();
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS)
                .until(() -> engine.migration(r.id).state() == MigrationState.DONE);
        assertThat(nodes.count("a", "SELECT COUNT(*) FROM acct")).isEqualTo(200);
        assertThat(nodes.count("b", "SELECT COUNT(*) FROM acct")).isEqualTo(200);
    }

    @Test
    void oneMigrationPerGroupAtATime() throws Exception {
        engine(FAST.withCopyRate(200), nodes);
        MigrationRecord r = engine.start(2, "b");
        assertThatThrownBy(() -> engine.start(1, "b")).hasMessageContaining("already has a migration in progress");
        engine.cancel(r.id);
    }

    @Test
    void verifyOnDemandComparesSourceAndTargetDuringAMove() throws Exception {
        engine(FAST.withCopyRate(100), nodes);
        MigrationEngine.VerifyReport stable = engine.verify(2);
        assertThat(stable.target()).isNull();
        assertThat(stable.sourceRows()).isEqualTo(200);
        MigrationRecord r = engine.start(2, "b");
        Thread.sleep(400);
        MigrationEngine.VerifyReport moving = engine.verify(2);
        assertThat(moving.target()).isEqualTo("b");
        assertThat(moving.matches()).isFalse();
        assertThat(moving.targetRows()).isLessThan(200);
        engine.cancel(r.id);
    }

    /** Wraps a connection so that its INSERT statements fail after {@code allowed} executions (all connections). */
    static Connection failInsertsAfter(Connection c, AtomicInteger counter, int allowed) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("prepareStatement") && args[0].toString().startsWith("INSERT")
                            && counter.incrementAndGet() > allowed) {
                        throw new SQLException("injected: node b failed mid-copy", "08006");
                    }
                    try {
                        return m.invoke(c, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
