package io.shardwise.router.topology.zookeeper;

import io.shardwise.router.topology.InstanceCoordination;
import io.shardwise.router.topology.LiveTopology;
import io.shardwise.router.topology.Topology;
import io.shardwise.router.topology.TopologyCodec;
import io.shardwise.router.topology.TopologyStore;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topology shared by many driver instances through Apache ZooKeeper (docs/zookeeper.md). Under the chroot:
 * <ul>
 * <li>{@code /topology}: the whole topology (TopologyCodec text, its version inside). A save is a compare-and-set
 * on the znode version and must be the next topology version, so a writer that derived its change from a stale
 * snapshot loses cleanly ({@link TopologyConflictException}) after re-reading the winner.</li>
 * <li>{@code /instances/<id>}: one ephemeral node per live instance; its data is the topology version the instance
 * has applied (its acknowledgement). A dead instance's node vanishes with its session.</li>
 * <li>{@code /leader}: Curator's LeaderLatch, so one re-sharding controller acts at a time.</li>
 * </ul>
 * The topology znode is watched: every instance sees each new version and hands it to its listeners (see
 * {@link #attach(LiveTopology)}). While the ZooKeeper connection is suspended or the session is lost, and until the
 * instance has reconnected and caught up with the newest topology, {@link #checkWritable()} refuses writes.
 */
public final class ZooKeeperTopologyStore implements TopologyStore {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperTopologyStore.class);
    static final String TOPOLOGY = "/topology";
    static final String INSTANCES = "/instances";
    static final String LEADER = "/leader";
    private static final long POLL_MILLIS = 20;

    private final CuratorFramework client;
    private final String instanceId;
    private final String instancePath;
    private final LeaderLatch latch;
    private final List<Consumer<Topology>> listeners = new CopyOnWriteArrayList<>();
    /** Runs watch refreshes and reconnect catch-ups one at a time, off ZooKeeper's event thread. */
    private final ExecutorService events;
    private final Object lock = new Object();
    private Topology latest; // guarded by lock
    private int znodeVersion = -1; // guarded by lock; -1: no topology znode seen
    private final AtomicLong acknowledged = new AtomicLong(-1);
    /** Why writes are refused now, or null. Read on every write: a volatile read, nothing else. */
    private volatile String writeBlockReason;
    /** Raised on every suspension: a catch-up that started before the latest suspension must not unblock. */
    private final AtomicLong connectionEpoch = new AtomicLong();
    private final List<ConnectionState> stateHistory = new CopyOnWriteArrayList<>();
    private final CuratorWatcher topologyWatcher = this::topologyEvent;
    private volatile boolean closed;

    private ZooKeeperTopologyStore(CuratorFramework client, String instanceId) {
        this.client = client;
        this.instanceId = instanceId;
        this.instancePath = INSTANCES + "/" + instanceId;
        this.latch = new LeaderLatch(client, LEADER, instanceId);
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "shardwise-zookeeper-" + instanceId);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects to the ensemble, reads the topology (if any), registers this instance and starts watching.
     *
     * @param instanceId     unique among live instances of this cluster (a second live one with the same id is refused)
     * @param sessionTimeout how long ZooKeeper keeps this instance's session (and its registration) after it went
     *                       silent; also how long {@code open} waits for the first connection
     */
    public static ZooKeeperTopologyStore open(ZooKeeperAddress address, String instanceId, Duration sessionTimeout)
            throws SQLException {
        if (instanceId == null || instanceId.isEmpty() || instanceId.contains("/")) {
            throw new SQLException("a driver instance id must be non-empty and contain no '/': '" + instanceId + "'");
        }
        int timeoutMs = (int) sessionTimeout.toMillis();
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(address.connectString())
                .namespace(address.namespace())
                .sessionTimeoutMs(timeoutMs)
                .connectionTimeoutMs(Math.min(timeoutMs, 15_000))
                .retryPolicy(new ExponentialBackoffRetry(50, 6))
                // Talk to exactly the servers the setting lists (no switching to servers learnt from the
                // ensemble's dynamic config): predictable for operators, and what the isolation tests rely on.
                .ensembleTracker(false)
                .build();
        client.start();
        ZooKeeperTopologyStore store = new ZooKeeperTopologyStore(client, instanceId);
        try {
            if (!client.blockUntilConnected(timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new SQLTransientConnectionException("cannot reach ZooKeeper at " + address + " within "
                        + timeoutMs + " ms", "08001");
            }
            client.getConnectionStateListenable().addListener((c, s) -> store.stateChanged(s));
            store.refresh();
            store.register(true);
            return store;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store.close();
            throw new SQLTransientConnectionException("interrupted while connecting to ZooKeeper", "08001", e);
        } catch (SQLException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public String instanceId() {
        return instanceId;
    }

    // ------------------------------------------------------------------ TopologyStore

    @Override
    public Optional<Topology> load() throws SQLException {
        refresh();
        synchronized (lock) {
            return Optional.ofNullable(latest);
        }
    }

    /**
     * Saves {@code topology} if it is the next version after the newest this instance has seen and nobody saved in
     * between (compare-and-set on the znode version). Otherwise re-reads the winner (listeners see it) and throws
     * {@link TopologyConflictException}: the caller derives its change again from the new topology.
     */
    @Override
    public void save(Topology topology) throws SQLException {
        boolean conflict = false;
        synchronized (lock) {
            long known = latest == null ? -1 : latest.version();
            if (latest != null && topology.version() != known + 1) {
                conflict = true;
            } else {
                byte[] data = TopologyCodec.encode(topology).getBytes(StandardCharsets.UTF_8);
                try {
                    if (znodeVersion < 0) {
                        client.create().creatingParentsIfNeeded().forPath(TOPOLOGY, data);
                        znodeVersion = 0;
                    } else {
                        znodeVersion = client.setData().withVersion(znodeVersion).forPath(TOPOLOGY, data).getVersion();
                    }
                    latest = topology;
                } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException e) {
                    conflict = true;
                } catch (Exception e) {
                    throw new SQLTransientConnectionException("cannot save topology version " + topology.version()
                            + " to ZooKeeper: " + e, "08006", e);
                }
            }
        }
        if (conflict) {
            refresh();
            throw new TopologyConflictException("topology version " + topology.version() + " was not saved: "
                    + "another driver instance changed the topology first (now version " + latestVersion()
                    + "); derive the change again from the new topology");
        }
    }

    /** The newest topology version this instance has read or written, or -1. */
    public long latestVersion() {
        synchronized (lock) {
            return latest == null ? -1 : latest.version();
        }
    }

    // ------------------------------------------------------------------ watching and applying

    /** {@code listener} gets every newer topology another instance saved (in version order, on one thread). */
    public void addListener(Consumer<Topology> listener) {
        listeners.add(listener);
    }

    /**
     * Keeps {@code live} on the cluster's newest topology and acknowledges each version once {@code live} has it:
     * remote versions are adopted, this instance's own saves are acknowledged after they are published.
     */
    public void attach(LiveTopology live) {
        addListener(t -> {
            live.adopt(t);
            acknowledge(live.current().version());
        });
        live.addListener(t -> acknowledge(t.version()));
        Topology newest;
        synchronized (lock) {
            newest = latest;
        }
        if (newest != null) {
            live.adopt(newest);
        }
        acknowledge(live.current().version());
    }

    /** Publishes that this instance routes by {@code version} now (never lowers the acknowledgement). */
    public void acknowledge(long version) {
        long now = acknowledged.accumulateAndGet(version, Math::max);
        try {
            client.setData().forPath(instancePath, Long.toString(now).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            // Disconnected: the catch-up after reconnecting registers the acknowledged version again.
            LOG.debug("could not publish acknowledgement {} of instance {}: {}", now, instanceId, e.toString());
        }
    }

    public long acknowledgedVersion() {
        return acknowledged.get();
    }

    private void topologyEvent(WatchedEvent event) {
        if (closed) {
            return;
        }
        events.execute(() -> {
            try {
                refresh();
            } catch (SQLException e) {
                LOG.warn("instance {} could not re-read the topology after a change: {}", instanceId, e.toString());
            }
        });
    }

    /** Reads the topology znode (re-arming the watch) and hands a newer version to the listeners. */
    private void refresh() throws SQLException {
        Topology fresh;
        try {
            Stat stat = new Stat();
            byte[] data;
            try {
                data = client.getData().storingStatIn(stat).usingWatcher(topologyWatcher).forPath(TOPOLOGY);
            } catch (KeeperException.NoNodeException e) {
                client.checkExists().usingWatcher(topologyWatcher).forPath(TOPOLOGY); // watch for its creation
                return;
            }
            fresh = TopologyCodec.decode(new String(data, StandardCharsets.UTF_8));
            synchronized (lock) {
                if (latest != null && fresh.version() < latest.version()) {
                    return;
                }
                znodeVersion = stat.getVersion();
                if (latest != null && fresh.version() == latest.version()) {
                    return;
                }
                latest = fresh;
            }
        } catch (Exception e) {
            throw new SQLTransientConnectionException("cannot read the topology from ZooKeeper: " + e, "08006", e);
        }
        for (Consumer<Topology> l : listeners) {
            l.accept(fresh);
        }
    }

    // ------------------------------------------------------------------ instances and acknowledgements

    private void register(boolean first) throws SQLException {
        byte[] ack = Long.toString(acknowledged.get()).getBytes(StandardCharsets.UTF_8);
        try {
            try {
                client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(instancePath, ack);
            } catch (KeeperException.NodeExistsException e) {
                Stat stat = client.checkExists().forPath(instancePath);
                long mySession = client.getZookeeperClient().getZooKeeper().getSessionId();
                if (stat != null && stat.getEphemeralOwner() == mySession) {
                    client.setData().forPath(instancePath, ack);
                } else if (first) {
                    throw new SQLException("another live driver instance is registered as '" + instanceId
                            + "' in this cluster; give each instance its own id", "55000");
                } else {
                    // Our own node from the expired session, not yet removed: replace it.
                    client.delete().guaranteed().forPath(instancePath);
                    client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                            .forPath(instancePath, ack);
                }
            }
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLTransientConnectionException("cannot register driver instance '" + instanceId
                    + "' in ZooKeeper: " + e, "08006", e);
        }
    }

    /** The live instances (registered now) and the topology version each has acknowledged. */
    public java.util.Map<String, Long> liveInstances() throws SQLException {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        try {
            for (String child : client.getChildren().forPath(INSTANCES)) {
                try {
                    byte[] data = client.getData().forPath(INSTANCES + "/" + child);
                    out.put(child, Long.parseLong(new String(data, StandardCharsets.UTF_8).trim()));
                } catch (KeeperException.NoNodeException e) {
                    // it died between listing and reading: no longer live
                }
            }
        } catch (KeeperException.NoNodeException e) {
            return out;
        } catch (Exception e) {
            throw new SQLTransientConnectionException("cannot list driver instances in ZooKeeper: " + e, "08006", e);
        }
        return out;
    }

    /** The live instances that have not yet acknowledged {@code version}. */
    public List<String> laggingInstances(long version) throws SQLException {
        List<String> lagging = new ArrayList<>();
        liveInstances().forEach((id, acked) -> {
            if (acked < version) {
                lagging.add(id);
            }
        });
        return lagging;
    }

    /**
     * Waits until every live instance has acknowledged {@code version} (an instance whose session ends stops being
     * waited for). A migration moves to its next state only after this returned normally.
     *
     * @throws TimeoutException naming the instances still behind when {@code timeout} has passed
     */
    public void awaitAcknowledged(long version, Duration timeout) throws SQLException, TimeoutException,
            InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> lagging = laggingInstances(version);
            if (lagging.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new TimeoutException("topology version " + version + " not acknowledged within "
                        + timeout.toMillis() + " ms by live driver instance(s) " + lagging);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    // ------------------------------------------------------------------ leadership

    /** Joins the leader election (once); {@link #isLeader()} answers from then on. */
    public synchronized void startLeaderElection() throws SQLException {
        if (latch.getState() == LeaderLatch.State.LATENT) {
            try {
                latch.start();
            } catch (Exception e) {
                throw new SQLTransientConnectionException("cannot join the leader election: " + e, "08006", e);
            }
        }
    }

    /** True on exactly one connected instance that joined the election (LeaderLatch drops it on suspension). */
    public boolean isLeader() {
        return latch.getState() == LeaderLatch.State.STARTED && latch.hasLeadership() && writeBlockReason == null;
    }

    public boolean awaitLeadership(Duration timeout) throws InterruptedException {
        return latch.getState() == LeaderLatch.State.STARTED
                && latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------ session loss

    /**
     * Refuses a write to a sharded table while this instance may be routing by an old topology: its ZooKeeper
     * connection is suspended, its session was lost, or it has reconnected but not yet caught up.
     */
    public void checkWritable() throws SQLTransientException {
        String reason = writeBlockReason;
        if (reason != null) {
            throw new SQLTransientException("Shardwise instance '" + instanceId + "' refuses writes to sharded tables: "
                    + reason + "; it may be routing by an old topology until it has reconnected to ZooKeeper and "
                    + "caught up (retry later)", "08006");
        }
    }

    /** Why writes are refused now, or null when they are allowed. */
    public String writeBlockReason() {
        return writeBlockReason;
    }

    /** Every connection state change this instance went through, oldest first (for tests and diagnostics). */
    public List<ConnectionState> connectionStateHistory() {
        return List.copyOf(stateHistory);
    }

    private void stateChanged(ConnectionState state) {
        stateHistory.add(state);
        switch (state) {
            case SUSPENDED -> block("its ZooKeeper connection is suspended");
            case LOST -> block("its ZooKeeper session was lost");
            case READ_ONLY -> block("its ZooKeeper server is read-only (cut off from the quorum)");
            case RECONNECTED -> {
                long epoch;
                synchronized (connectionEpoch) {
                    epoch = connectionEpoch.get();
                    writeBlockReason = "it reconnected to ZooKeeper and is catching up with the topology";
                }
                events.execute(() -> catchUp(epoch));
            }
            default -> {
            }
        }
    }

    private void block(String reason) {
        synchronized (connectionEpoch) {
            connectionEpoch.incrementAndGet();
            writeBlockReason = reason;
        }
        LOG.warn("driver instance {}: writes to sharded tables refused: {}", instanceId, reason);
    }

    /** Re-reads the topology (listeners apply it), re-registers with the applied version, then allows writes. */
    private void catchUp(long epoch) {
        if (closed) {
            return;
        }
        try {
            refresh(); // a newer topology reaches the listeners (LiveTopology adopts and acknowledges it)
            register(false);
            synchronized (connectionEpoch) { // a suspension right now must win over this unblock
                if (connectionEpoch.get() != epoch) {
                    return;
                }
                writeBlockReason = null;
                LOG.info("driver instance {}: caught up with topology {}; writes allowed", instanceId,
                        latestVersion());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("driver instance {} could not catch up after reconnecting: {}", instanceId, e.toString());
            if (!closed && connectionEpoch.get() == epoch) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    return; // closing
                }
                events.execute(() -> catchUp(epoch)); // still connected: try again
            }
        }
    }

    /**
     * This store as the router's {@link InstanceCoordination}: writes refused while cut off, and each migration
     * state change waits up to {@code ackTimeout} for every live instance to have applied it.
     */
    public InstanceCoordination coordination(Duration ackTimeout) {
        return new InstanceCoordination() {
            @Override
            public void checkWritable() throws SQLTransientException {
                ZooKeeperTopologyStore.this.checkWritable();
            }

            @Override
            public void awaitAcknowledged(long version) throws SQLException {
                try {
                    ZooKeeperTopologyStore.this.awaitAcknowledged(version, ackTimeout);
                } catch (TimeoutException e) {
                    throw new SQLTransientException(e.getMessage()
                            + "; the migration does not move on until every live driver instance routes by it", "57014", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLTransientException("interrupted while waiting for driver instances to acknowledge "
                            + "topology version " + version, "57014", e);
                }
            }
        };
    }

    /** The client, for tests that expire its session. */
    CuratorFramework client() {
        return client;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (latch.getState() == LeaderLatch.State.STARTED) {
                latch.close();
            }
        } catch (Exception e) {
            // closing: the session's end removes the latch node anyway
        }
        events.shutdownNow();
        client.close(); // ends the session: the ephemeral registration and latch node disappear
    }
}
