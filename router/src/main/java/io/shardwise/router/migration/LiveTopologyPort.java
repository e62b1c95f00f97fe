package io.shardwise.router.migration;

import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.config.NodeSpec;
import io.shardwise.router.config.TableSpec;
import io.shardwise.router.topology.GroupTopology;
import io.shardwise.router.topology.KeyPoints;
import io.shardwise.router.topology.LiveTopology;
import io.shardwise.router.topology.Shard;
import io.shardwise.router.topology.ShardState;
import io.shardwise.router.topology.ShardingStrategy;
import io.shardwise.router.topology.Topology;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The migration engine's view of the router's live topology: reads the current snapshot, persists every change. */
public final class LiveTopologyPort implements MigrationTopology {
    private final LiveTopology live;
    private final ClusterSpec spec;
    private final Set<String> nodes;
    /** The other driver instances (docs/zookeeper.md); SINGLE when this is the only one. */
    private volatile io.shardwise.router.topology.InstanceCoordination coordination =
            io.shardwise.router.topology.InstanceCoordination.SINGLE;

    public LiveTopologyPort(LiveTopology live, ClusterSpec spec) {
        this.live = live;
        this.spec = spec;
        Set<String> n = new LinkedHashSet<>();
        for (NodeSpec node : spec.nodes()) {
            n.add(node.id());
        }
        this.nodes = Set.copyOf(n);
    }

    /** Makes every migration state change wait for all live instances, and writes check this instance's standing. */
    public void coordinate(io.shardwise.router.topology.InstanceCoordination coordination) {
        this.coordination = coordination;
    }

    @Override
    public void checkWritable() throws SQLException {
        coordination.checkWritable();
    }

    public LiveTopology live() {
        return live;
    }

    @Override
    public ShardSlice slice(int shardId) throws SQLException {
        Topology t = live.current();
        Shard s = shard(t, shardId);
        GroupTopology g = t.group(s.group());
        Set<Long> pinned = new TreeSet<>();
        for (long p : s.pinned()) {
            pinned.add(p);
        }
        Set<Long> excluded = new TreeSet<>();
        if (!s.isPinned()) {
            for (Shard other : g.shards()) {
                if (other.isPinned()) {
                    for (long p : other.pinned()) {
                        if (s.covers(p)) {
                            excluded.add(p);
                        }
                    }
                }
            }
        }
        return new ShardSlice(shardId, s.group(), g.strategy(), s.lo(), s.hi(), pinned, excluded, tables(s.group()),
                keyPoints(s.group()));
    }

    @Override
    public String owner(int shardId) throws SQLException {
        return shard(live.current(), shardId).node();
    }

    @Override
    public Set<String> nodes() {
        return nodes;
    }

    @Override
    public String ownerOf(String group, long point) {
        return live.current().shardFor(group, point).node();
    }

    @Override
    public KeyPointFunction keyPoints(String group) {
        GroupTopology g = live.current().group(group);
        ShardingStrategy strategy = g == null ? spec.groups().get(group).strategy() : g.strategy();
        return key -> {
            try {
                return KeyPoints.point(strategy, key);
            } catch (SQLException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        };
    }

    @Override
    public List<TableSpec> tables(String group) {
        List<TableSpec> out = new ArrayList<>();
        for (TableSpec t : spec.tables().values()) {
            if (t.group().equals(group)) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public void markState(int shardId, MigrationState state, String target) throws SQLException {
        ShardState s = state == null ? ShardState.STABLE : switch (state) {
            case COPYING, PREPARING -> ShardState.COPYING;
            case CATCHING_UP -> ShardState.CATCHING_UP;
            case CUTOVER -> ShardState.CUTOVER;
            default -> ShardState.STABLE;
        };
        String t = s == ShardState.STABLE ? null : target;
        update(topology -> {
            Shard current = require(topology, shardId);
            if (current.state() == s && java.util.Objects.equals(current.targetNode(), t)) {
                return topology;
            }
            return topology.withState(shardId, s, t);
        });
    }

    @Override
    public void flipOwner(int shardId, String from, String to) throws SQLException {
        update(topology -> {
            Shard current = require(topology, shardId);
            if (!current.node().equals(from)) {
                throw new IllegalStateException("shard " + shardId + " is on " + current.node() + ", not " + from);
            }
            return topology.withOwner(shardId, to);
        });
    }

    @Override
    public boolean stillRoutes(int shardId, String node, long point, boolean keyKnown) {
        Topology t = live.current();
        Shard s = t.shard(shardId);
        if (s == null || !s.node().equals(node)) {
            return false;
        }
        return !keyKnown || t.shardFor(s.group(), point).id() == shardId;
    }

    /** Applies a change to the live topology (persisted, then published); failures become SQLExceptions. */
    Topology update(java.util.function.UnaryOperator<Topology> change) throws SQLException {
        try {
            Topology next = live.update(change);
            // A migration goes to its next state only once every live instance routes by this one.
            coordination.awaitAcknowledged(next.version());
            return next;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new SQLException(e.getMessage(), "22023", e);
        }
    }

    private static Shard require(Topology t, int shardId) {
        Shard s = t.shard(shardId);
        if (s == null) {
            throw new IllegalArgumentException("no shard " + shardId);
        }
        return s;
    }

    /** SQLException-throwing variant for the engine's callers. */
    static Shard shard(Topology t, int shardId) throws SQLException {
        Shard s = t.shard(shardId);
        if (s == null) {
            throw new SQLException("no shard " + shardId, "22023");
        }
        return s;
    }
}
