package io.shardwise.router;

import io.shardwise.profiler.Profiler;
import io.shardwise.profiler.TimeSource;
import io.shardwise.profiler.plan.ShardKeyMap;
import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.config.GroupSpec;
import io.shardwise.router.config.NodeSpec;
import io.shardwise.router.migration.LiveTopologyPort;
import io.shardwise.router.migration.MigrationEngine;
import io.shardwise.router.migration.MigrationSettings;
import io.shardwise.router.migration.MigrationStore;
import io.shardwise.router.migration.ShardLayout;
import io.shardwise.router.node.NodeColumns;
import io.shardwise.router.node.NodePools;
import io.shardwise.router.node.ShardKeyCheck;
import io.shardwise.router.plan.ParameterSource;
import io.shardwise.router.plan.Planner;
import io.shardwise.router.plan.Route;
import io.shardwise.router.plan.RoutingContext;
import io.shardwise.router.plan.StatementPlan;
import io.shardwise.router.topology.FileTopologyStore;
import io.shardwise.router.topology.GroupTopology;
import io.shardwise.router.topology.InMemoryTopologyStore;
import io.shardwise.router.topology.LiveTopology;
import io.shardwise.router.topology.Shard;
import io.shardwise.router.topology.ShardState;
import io.shardwise.router.topology.Topology;
import io.shardwise.router.topology.TopologyStore;
import io.shardwise.router.topology.zookeeper.TopologyConflictException;
import io.shardwise.router.topology.zookeeper.ZooKeeperTopologyStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;

/**
 * The router of one cluster: plans statements (cached), routes them over the live topology, and owns the node
 * pools and the topology store. One instance per distinct configuration; thread-safe.
 */
public final class ShardwiseRouter implements AutoCloseable {
    private static final int PLAN_CACHE_SIZE = 10_000;

    private final ClusterSpec spec;
    /** How long a migration step waits for every live driver instance to apply it (docs/zookeeper.md). */
    static final java.time.Duration ACKNOWLEDGEMENT_TIMEOUT = java.time.Duration.ofSeconds(30);
    /** How long ZooKeeper keeps a silent instance registered (and so waited for). */
    static final java.time.Duration ZOOKEEPER_SESSION_TIMEOUT = java.time.Duration.ofSeconds(10);
    private final TopologyStore store;
    private final LiveTopology topology;
    private final NodePools pools;
    private final PlanSource plans;
    private final Profiler profiler;
    private final ProfilerRecorder profilerRecorder;
    private final ScheduledExecutorService profilerClock;
    private volatile ExecutionRecorder recorder;
    private final boolean profiling;
    private volatile ShardKeyMap latestProposal;
    private final MigrationEngine migrations;
    private final ShardLayout layout;
    private volatile io.shardwise.router.resharding.ReshardingController resharding;

    private ShardwiseRouter(ClusterSpec spec, TopologyStore store, LiveTopology topology, NodePools pools,
                            MigrationSettings migrationSettings, ProfilerSettings profilerSettings)
            throws SQLException {
        this.spec = spec;
        this.store = store;
        this.topology = topology;
        this.pools = pools;
        LiveTopologyPort port = new LiveTopologyPort(topology, spec);
        if (store instanceof ZooKeeperTopologyStore shared) {
            // Other driver instances share this topology: follow their changes, acknowledge ours and theirs, refuse
            // writes while cut off, and hold each migration step until every live instance has applied it.
            shared.attach(topology);
            port.coordinate(shared.coordination(ACKNOWLEDGEMENT_TIMEOUT));
        }
        try {
            MigrationStore migrationStore = spec.metadataDir() == null ? MigrationStore.inMemory()
                    : new MigrationStore(spec.metadataDir());
            this.migrations = new MigrationEngine(port, node -> pools.dataSources().get(node).getConnection(),
                    migrationStore, migrationSettings);
        } catch (java.io.IOException e) {
            throw new SQLException("cannot read the migration records in " + spec.metadataDir() + ": "
                    + e.getMessage(), e);
        }
        this.layout = new ShardLayout(port, migrations);
        this.profiler = ProfilerStateFile.open(spec, profilerSettings.config());
        this.profilerRecorder = new ProfilerRecorder(profiler, spec);
        this.profiling = profilerSettings.enabled();
        this.recorder = profiling ? profilerRecorder : ExecutionRecorder.OFF;
        this.profilerClock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shardwise-profiler");
            t.setDaemon(true);
            return t;
        });
        if (profiling) {
            // a new forecast and proposal every bucket, against the layout kept current below
            profiler.addListener(update -> latestProposal = update.proposal());
            topology.addListener(t -> submitLayoutRefresh());
            profiler.startRolling(profilerClock);
        }
        if (spec.metadataDir() != null) {
            // the season survives a restart: the state is saved now and then, and when the router closes
            long every = ProfilerStateFile.SAVE_EVERY.toMillis();
            profilerClock.scheduleWithFixedDelay(() -> ProfilerStateFile.save(profiler, spec.metadataDir()),
                    every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        RoutingContext context = new RoutingContext(topology, spec.nodes().stream().map(NodeSpec::id).toList(),
                spec.defaultNode(), spec.dialect());
        PlanSource[] self = new PlanSource[1];
        NodeColumns columns = new NodeColumns(pools.dataSource(spec.defaultNode()), () -> self[0].invalidateAll());
        this.plans = new PlanSource(new Planner(spec, context, columns), spec.dialect(), PLAN_CACHE_SIZE);
        self[0] = plans;
    }

    /**
     * Starts a router: opens the topology store (the metadata directory, locked for this process, or memory),
     * loads the persisted topology or creates the first one from the spec, opens one pool per node (failing with
     * the node's id and redacted URL when one cannot be reached), and checks the shard-key columns of existing
     * sharded tables.
     */
    public static ShardwiseRouter start(ClusterSpec spec) throws SQLException {
        return start(spec, MigrationSettings.DEFAULTS);
    }

    /**
     * {@link #start(ClusterSpec)} with the user's migration knobs. Migrations a crash cut short are resolved
     * before the router is returned (rolled back, or finished if their owner flip was persisted), so no statement
     * runs against a half-moved shard.
     */
    public static ShardwiseRouter start(ClusterSpec spec, MigrationSettings migrationSettings) throws SQLException {
        return start(spec, migrationSettings, ProfilerSettings.DEFAULTS);
    }

    /** {@link #start(ClusterSpec, MigrationSettings)} with the user's profiler knobs ({@code profiler.*}). */
    public static ShardwiseRouter start(ClusterSpec spec, MigrationSettings migrationSettings,
                                        ProfilerSettings profilerSettings) throws SQLException {
        TopologyStore store = spec.zooKeeper() != null
                ? ZooKeeperTopologyStore.open(spec.zooKeeper(), instanceId(), ZOOKEEPER_SESSION_TIMEOUT)
                : spec.metadataDir() != null ? FileTopologyStore.open(spec.metadataDir())
                : new InMemoryTopologyStore();
        NodePools pools = null;
        try {
            LiveTopology live = new LiveTopology(store, loadOrCreateShared(spec, store));
            pools = NodePools.start(spec.nodes());
            ShardKeyCheck.check(pools.dataSources(), spec.tables().values());
            ShardwiseRouter router = new ShardwiseRouter(spec, store, live, pools, migrationSettings,
                    profilerSettings);
            router.migrations.recover();
            router.warmUp();
            if (router.profiling) {
                router.submitLayoutRefresh();
            }
            return router;
        } catch (SQLException | RuntimeException e) {
            if (pools != null) {
                pools.close();
            }
            store.close();
            throw e;
        }
    }

    /**
     * {@link #loadOrCreate}, again when another driver instance saved the shared topology first (instances
     * starting together both find none and both create version 1: one wins, the others read it).
     */
    static Topology loadOrCreateShared(ClusterSpec spec, TopologyStore store) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return loadOrCreate(spec, store);
            } catch (TopologyConflictException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** This JVM's process and host, plus a random part: several routers in one JVM each register on their own. */
    private static String instanceId() {
        String process = java.lang.management.ManagementFactory.getRuntimeMXBean().getName().replace('/', '_');
        return process + "-" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 40);
    }

    /** The ZooKeeper store when {@code metadata=zookeeper://...}: its leader election is the controller's. */
    public java.util.Optional<ZooKeeperTopologyStore> zooKeeper() {
        return store instanceof ZooKeeperTopologyStore shared ? java.util.Optional.of(shared)
                : java.util.Optional.empty();
    }

    /**
     * Whether this instance's re-sharding controller may act: always with a local store; with ZooKeeper, joins the
     * leader election (once) and answers whether this instance leads now.
     */
    public io.shardwise.router.resharding.Leadership leadership() throws SQLException {
        if (store instanceof ZooKeeperTopologyStore shared) {
            shared.startLeaderElection();
            return shared::isLeader;
        }
        return io.shardwise.router.resharding.Leadership.LOCAL;
    }

    /** The persisted topology (plus any group the configuration added since), or version 1 from the spec. */
    static Topology loadOrCreate(ClusterSpec spec, TopologyStore store) throws SQLException {
        Optional<Topology> loaded = store.load();
        Topology t;
        try {
            t = loaded.isPresent() ? loaded.get().withGroupsFrom(spec) : Topology.initial(spec);
        } catch (IllegalArgumentException e) {
            throw new SQLException("Invalid sharding configuration: " + e.getMessage(), "22023", e);
        }
        for (GroupSpec g : spec.groups().values()) {
            GroupTopology gt = t.group(g.name());
            if (gt.strategy() != g.strategy()) {
                throw new SQLException("Group " + g.name() + " is configured with strategy " + g.strategy()
                        + " but its persisted topology uses " + gt.strategy() + ": changing a group's strategy"
                        + " would move every row. Keep group." + g.name() + ".strategy=" + gt.strategy(), "22023");
            }
        }
        List<String> nodes = spec.nodes().stream().map(NodeSpec::id).toList();
        for (Shard s : t.allShards()) {
            if (!nodes.contains(s.node()) || (s.targetNode() != null && !nodes.contains(s.targetNode()))) {
                throw new SQLException("The persisted topology places " + s + " on a node that is not configured"
                        + " (nodes: " + nodes + "): add the node back to the configuration", "22023");
            }
        }
        if (loaded.isEmpty() || loaded.get() != t) {
            store.save(t);
        }
        return t;
    }

    /** Calcite's first parse loads hundreds of classes (~300 ms): pay it at start, not in a user's request. */
    private void warmUp() {
        try {
            plans.warmUp();
        } catch (SQLException | RuntimeException e) {
            // Warming is best-effort; a real statement will report its own error.
        }
    }

    /** The (cached) plan of a statement text. Unparseable SQL: SQLSyntaxErrorException with the position. */
    public StatementPlan plan(String sql) throws SQLException {
        return plans.plan(sql);
    }

    /** How many plans the cache holds (tests and diagnostics). */
    long cachedPlans() {
        return plans.size();
    }

    /** Drops every cached plan (after DDL changed what a plan may depend on). */
    public void invalidatePlans() {
        plans.invalidateAll();
    }

    /** The current topology snapshot. */
    public Topology topology() {
        return topology.current();
    }

    /** The live topology: what migration updates (persisted before it is published). */
    public LiveTopology liveTopology() {
        return topology;
    }

    /** The connection pool of every node, by node id, in configuration order. */
    public Map<String, DataSource> nodes() {
        return pools.dataSources();
    }

    public ClusterSpec spec() {
        return spec;
    }

    /** One row per shard for {@code SHOW SHARDWISE SHARDS}, groups in configuration order, shards in key order. */
    public List<ShardRow> shardRows() {
        List<ShardRow> rows = new ArrayList<>();
        for (GroupTopology g : topology.current().groups().values()) {
            for (Shard s : g.shards()) {
                String state = s.state() == ShardState.STABLE ? "STABLE" : s.state() + "->" + s.targetNode();
                rows.add(new ShardRow(g.name(), s.id(), s.describeKeys(), s.node(), state, s.version()));
            }
        }
        return rows;
    }

    /** The access profiler every execution is recorded in (rolled every bucket by a daemon thread). */
    public Profiler profiler() {
        return profiler;
    }

    /** Whether executions are recorded ({@code profiler.enabled}). */
    public boolean profilingEnabled() {
        return profiling;
    }

    /**
     * The profiler's proposal made at the end of the last bucket against the layout the profiler was last given
     * (null before the first bucket closed, or when profiling is off). Changes nothing.
     */
    public ShardKeyMap latestProposal() {
        return latestProposal;
    }

    /**
     * Gives the profiler the current topology as a layout, with each shard's estimated rows (one COUNT per shard
     * and table on its owner: called at start, after each topology change on the profiler's thread, and by the
     * admin views). Returns the layout given.
     */
    public io.shardwise.profiler.plan.ShardLayout refreshProfilerLayout() {
        Topology t = topology.current();
        Map<Integer, Long> rows = io.shardwise.router.migration.ShardRowEstimator.estimate(t,
                List.copyOf(spec.tables().values()), node -> pools.dataSources().get(node).getConnection());
        io.shardwise.profiler.plan.ShardLayout l = ProfilerLayouts.of(t,
                spec.nodes().stream().map(NodeSpec::id).toList(), profilerRecorder.ids(), rows);
        profiler.setLayout(l);
        return l;
    }

    private void submitLayoutRefresh() {
        try {
            profilerClock.execute(() -> {
                try {
                    refreshProfilerLayout();
                } catch (RuntimeException e) {
                    System.getLogger(ShardwiseRouter.class.getName()).log(System.Logger.Level.WARNING,
                            "could not give the profiler the new layout; the views use the previous one", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: no more layouts needed
        }
    }

    /** The profiler's group id of a group (profiler ids follow the configuration's group order), or -1. */
    public int profilerGroupId(String group) {
        return profilerRecorder.groupId(group);
    }

    /** Replaces where executions are reported (tests, tools); null restores the profiler. */
    public void setRecorder(ExecutionRecorder recorder) {
        this.recorder = recorder != null ? recorder : profiling ? profilerRecorder : ExecutionRecorder.OFF;
    }

    /**
     * Records one execution of {@code route} for the profiler: its group, its key point when it had one key, read
     * or write, latency. Allocates nothing.
     */
    public void recordExecution(Route route, ParameterSource params, long nanos) {
        if (route.group() == null || recorder == ExecutionRecorder.OFF) {
            return;
        }
        long point = 0;
        boolean hasKey = false;
        Object v = null;
        if (route.hasKey()) {
            v = route.keyValue(params);
            if (v != null) {
                try {
                    point = route.keyPoint(params);
                    hasKey = true;
                } catch (SQLException e) {
                    // routed already, so the key was valid; nothing to record
                }
            }
        }
        recorder.record(route.group(), hasKey, point, v, route.write(), nanos);
    }

    /** {@link #recordExecution(Route, ParameterSource, long)} for routes whose key is a literal or absent. */
    public void recordExecution(Route route, long nanos) {
        recordExecution(route, ParameterSource.NONE_BOUND, nanos);
    }

    /** The migration engine: SHARDWISE MOVE SHARD, SHOW SHARDWISE MIGRATIONS, and the write path's gates. */
    public MigrationEngine migrations() {
        return migrations;
    }

    /** Split, pin and merge shards in place (metadata only). */
    /**
     * Starts the re-sharding controller (docs/resharding.md) on this router's profiler: from the next bucket on it
     * executes the profiler's proposals through {@link #layout()} and {@link #migrations()}. One per router; a second
     * call returns the first controller.
     */
    public synchronized io.shardwise.router.resharding.ReshardingController startResharding(
            io.shardwise.router.resharding.ReshardingSettings settings,
            io.shardwise.router.resharding.Leadership leadership) {
        if (resharding == null) {
            resharding = new io.shardwise.router.resharding.ReshardingController(settings,
                    new io.shardwise.router.resharding.EngineActions(this), leadership, TimeSource.system());
            profiler.addListener(resharding);
        }
        return resharding;
    }

    /** The re-sharding controller, or null when {@code resharding.enabled} is off. */
    public io.shardwise.router.resharding.ReshardingController resharding() {
        return resharding;
    }

    public ShardLayout layout() {
        return layout;
    }

    @Override
    public void close() throws SQLException {
        profilerClock.shutdownNow();
        if (spec.metadataDir() != null) {
            ProfilerStateFile.save(profiler, spec.metadataDir());
        }
        migrations.close();
        try {
            pools.close();
        } finally {
            store.close();
        }
    }
}
