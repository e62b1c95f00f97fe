package io.shardwise.router.topology.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.shardwise.router.topology.KeyPoints;
import io.shardwise.router.topology.LiveTopology;
import io.shardwise.router.topology.Shard;
import io.shardwise.router.topology.ShardingStrategy;
import io.shardwise.router.topology.Topology;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Several driver instances in one JVM sharing a real three-server ZooKeeper ensemble (Curator's TestingCluster).
 * Each test works under its own chroot. Ticks are 250 ms, so sessions time out in 0.5-5 s.
 */
class ZooKeeperTopologyStoreTest {
    private static final Duration SESSION = Duration.ofSeconds(4);
    private static TestingCluster cluster;
    private static List<InstanceSpec> specs;

    private final List<ZooKeeperTopologyStore> opened = new ArrayList<>();
    private String chroot;

    @BeforeAll
    static void startEnsemble() throws Exception {
        specs = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            specs.add(new InstanceSpec(null, -1, -1, -1, true, id, 250, -1));
        }
        cluster = new TestingCluster(specs);
        cluster.start();
    }

    @AfterAll
    static void stopEnsemble() throws Exception {
        cluster.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void chroot(TestInfo info) {
        chroot = "/" + info.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void closeAll() {
        opened.forEach(ZooKeeperTopologyStore::close);
    }

    private ZooKeeperAddress address(List<InstanceSpec> servers) throws Exception {
        StringBuilder hosts = new StringBuilder();
        for (InstanceSpec s : servers) {
            hosts.append(hosts.length() == 0 ? "" : ",").append("127.0.0.1:").append(s.getPort());
        }
        return ZooKeeperAddress.parse("zookeeper://" + hosts + chroot);
    }

    private ZooKeeperTopologyStore open(String id) throws Exception {
        return open(id, specs, SESSION);
    }

    private ZooKeeperTopologyStore open(String id, List<InstanceSpec> servers, Duration session) throws Exception {
        ZooKeeperTopologyStore s = ZooKeeperTopologyStore.open(address(servers), id, session);
        opened.add(s);
        return s;
    }

    private static Topology initial() {
        return Topology.of(1, Map.of("g", ShardingStrategy.RANGE), List.of(Shard.range(1, "g",
                KeyPoints.minPoint(ShardingStrategy.RANGE), Long.MAX_VALUE, "n1", 1)));
    }

    /** What a router does at start: adopt the shared topology, or create it if this instance is the first. */
    private static LiveTopology live(ZooKeeperTopologyStore store) throws Exception {
        Topology t = store.load().orElse(null);
        if (t == null) {
            try {
                store.save(initial());
                t = initial();
            } catch (TopologyConflictException lost) {
                t = store.load().orElseThrow();
            }
        }
        LiveTopology live = new LiveTopology(store, t);
        store.attach(live);
        return live;
    }

    /** Moves shard 1 to the other node: one version up. Retries when another instance changed it first. */
    private static Topology move(LiveTopology live) throws Exception {
        while (true) {
            try {
                return live.update(t -> t.withOwner(1, t.shard(1).node().equals("n1") ? "n2" : "n1"));
            } catch (TopologyConflictException conflict) {
                // re-read already happened inside the store; derive again
            }
        }
    }

    @Test
    void aChangeMadeByOneInstanceIsSeenByTheOthers() throws Exception {
        ZooKeeperTopologyStore a = open("a");
        ZooKeeperTopologyStore b = open("b");
        ZooKeeperTopologyStore c = open("c");
        LiveTopology la = live(a);
        LiveTopology lb = live(b);
        LiveTopology lc = live(c);
        assertThat(lb.current()).isEqualTo(la.current());

        Topology moved = la.update(t -> t.withOwner(1, "n2"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> lb.current().version() == moved.version()
                && lc.current().version() == moved.version());
        assertThat(lb.current()).isEqualTo(moved);
        assertThat(lc.current()).isEqualTo(moved);
        assertThat(lc.current().shard(1).node()).isEqualTo("n2");
        a.awaitAcknowledged(moved.version(), Duration.ofSeconds(5));
        assertThat(a.liveInstances()).containsOnlyKeys("a", "b", "c").containsValues(moved.version());
    }

    @Test
    void aWriterWithAStaleSnapshotLosesCleanlyAndReReads() throws Exception {
        ZooKeeperTopologyStore a = open("a");
        ZooKeeperTopologyStore b = open("b");
        live(a);
        live(b);
        Topology base = initial();
        a.save(base.withOwner(1, "n2"));
        // b derived its change from version 1 too: whether or not its watch has fired yet, it must lose
        assertThatThrownBy(() -> b.save(base.withOwner(1, "n3")))
                .isInstanceOf(TopologyConflictException.class)
                .hasMessageContaining("another driver instance changed the topology first (now version 2)");
        assertThat(b.latestVersion()).isEqualTo(2);
        assertThat(b.load().orElseThrow().shard(1).node()).isEqualTo("n2");
    }

    @Test
    void concurrentWritersOnThreeInstancesLoseNoUpdate() throws Exception {
        List<LiveTopology> lives = new ArrayList<>();
        for (String id : List.of("a", "b", "c")) {
            lives.add(live(open(id)));
        }
        int perInstance = 8;
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (LiveTopology l : lives) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perInstance; i++) {
                        move(l);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long expected = 1 + 3L * perInstance;
        await().atMost(5, TimeUnit.SECONDS).until(() -> lives.stream()
                .allMatch(l -> l.current().version() == expected));
        assertThat(lives.get(1).current()).isEqualTo(lives.get(0).current());
        assertThat(lives.get(2).current()).isEqualTo(lives.get(0).current());
    }

    @Test
    void acknowledgementsWaitForEveryLiveInstanceAndNotForADeadOne() throws Exception {
        ZooKeeperTopologyStore a = open("a");
        LiveTopology la = live(a);
        ZooKeeperTopologyStore slow = open("slow"); // applies versions only when the test says so
        slow.acknowledge(1);

        Topology v2 = la.update(t -> t.withOwner(1, "n2"));
        assertThatThrownBy(() -> a.awaitAcknowledged(v2.version(), Duration.ofMillis(300)))
                .isInstanceOf(TimeoutException.class).hasMessageContaining("[slow]");
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                a.awaitAcknowledged(v2.version(), Duration.ofSeconds(10));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(200);
        assertThat(waiting).isNotDone();
        slow.acknowledge(v2.version());
        waiting.get(5, TimeUnit.SECONDS);

        Topology v3 = la.update(t -> t.withOwner(1, "n1"));
        assertThat(a.laggingInstances(v3.version())).containsExactly("slow");
        slow.close(); // the instance dies: its session ends and it is no longer waited for
        a.awaitAcknowledged(v3.version(), Duration.ofSeconds(5));
        assertThat(a.liveInstances()).containsOnlyKeys("a");
    }

    @Test
    void aSecondLiveInstanceWithTheSameIdIsRefused() throws Exception {
        open("a");
        assertThatThrownBy(() -> open("a")).hasMessageContaining("another live driver instance is registered as 'a'");
    }

    @Test
    void leadershipFailsOverWhenTheLeaderDies() throws Exception {
        List<ZooKeeperTopologyStore> all = List.of(open("a"), open("b"), open("c"));
        for (ZooKeeperTopologyStore s : all) {
            s.startLeaderElection();
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> all.stream().filter(ZooKeeperTopologyStore::isLeader)
                .count() == 1);
        ZooKeeperTopologyStore leader = all.stream().filter(ZooKeeperTopologyStore::isLeader).findFirst()
                .orElseThrow();
        leader.close();
        List<ZooKeeperTopologyStore> rest = all.stream().filter(s -> s != leader).toList();
        await().atMost(5, TimeUnit.SECONDS).until(() -> rest.stream().filter(ZooKeeperTopologyStore::isLeader)
                .count() == 1);
        assertThat(leader.isLeader()).isFalse();
    }

    /**
     * Instance b talks only to server 3. Killing it cuts b off: b refuses writes at once; a (servers 1 and 2, still a
     * quorum) moves a shard meanwhile. b's session expires, so a no longer waits for b. When server 3 is back, b
     * gets a new session, catches up to the version it missed, registers again and only then accepts writes.
     */
    @Test
    void anInstanceCutOffFromZooKeeperRefusesWritesUntilItHasCaughtUp() throws Exception {
        ZooKeeperTopologyStore a = open("a", specs.subList(0, 2), SESSION);
        LiveTopology la = live(a);
        ZooKeeperTopologyStore b = open("b", specs.subList(2, 3), Duration.ofSeconds(1));
        LiveTopology lb = live(b);
        b.checkWritable();
        long before = la.current().version();

        InstanceSpec third = specs.get(2);
        cluster.killServer(third);
        try {
            await().atMost(5, TimeUnit.SECONDS).until(() -> b.writeBlockReason() != null);
            assertThatThrownBy(b::checkWritable).isInstanceOf(SQLTransientException.class)
                    .hasMessageContaining("refuses writes to sharded tables")
                    .hasMessageContaining("ZooKeeper");

            Topology moved = retryWhileQuorumSettles(() -> move(la));
            assertThat(moved.version()).isEqualTo(before + 1);
            // b's session expires (1 s): its registration is gone and the acknowledgement no longer waits for it
            a.awaitAcknowledged(moved.version(), Duration.ofSeconds(10));
            assertThat(a.liveInstances()).doesNotContainKey("b");
            assertThat(lb.current().version()).isEqualTo(before);
            assertThatThrownBy(b::checkWritable).isInstanceOf(SQLTransientException.class);
        } finally {
            cluster.restartServer(third);
        }
        await().atMost(20, TimeUnit.SECONDS).until(() -> b.writeBlockReason() == null);
        b.checkWritable();
        assertThat(lb.current()).isEqualTo(la.current());
        assertThat(b.acknowledgedVersion()).isEqualTo(la.current().version());
        assertThat(a.liveInstances()).containsEntry("b", la.current().version());
        assertThat(b.connectionStateHistory()).contains(ConnectionState.SUSPENDED, ConnectionState.LOST,
                ConnectionState.RECONNECTED);
    }

    private interface Action<T> {
        T run() throws Exception;
    }

    /** A killed server may have been the ensemble's leader: the others elect a new one within a few seconds. */
    private static <T> T retryWhileQuorumSettles(Action<T> action) throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                return action.run();
            } catch (SQLTransientException e) {
                if (e instanceof TopologyConflictException || System.nanoTime() > deadline) {
                    throw e;
                }
                attempts.incrementAndGet();
                Thread.sleep(200);
            }
        }
    }
}
