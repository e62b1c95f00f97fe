package io.shardwise.router.topology;

import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.config.GroupSpec;
import io.shardwise.router.config.NodeSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An immutable, versioned snapshot of where every shard lives. Routing reads one snapshot per statement; a change
 * (split, pin, move, ownership flip) derives a new snapshot with the next version and leaves this one untouched,
 * so readers never lock. Persisted by a {@link TopologyStore} and published by {@link LiveTopology}.
 */
public final class Topology {
    private final long version;
    private final Map<String, GroupTopology> groups;
    private final Map<Integer, Shard> byId;

    public Topology(long version, Map<String, GroupTopology> groups) {
        this.version = version;
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        Map<Integer, Shard> ids = new LinkedHashMap<>();
        for (GroupTopology g : groups.values()) {
            for (Shard s : g.shards()) {
                if (ids.put(s.id(), s) != null) {
                    throw new IllegalArgumentException("shard id " + s.id() + " is used twice");
                }
                if (s.version() > version) {
                    throw new IllegalArgumentException(s + " is newer than topology version " + version);
                }
            }
        }
        this.byId = Collections.unmodifiableMap(ids);
    }

    /** Builds a topology from its shards; {@code strategies} gives each group's strategy (and the group order). */
    public static Topology of(long version, Map<String, ShardingStrategy> strategies, List<Shard> shards) {
        Map<String, GroupTopology> groups = new LinkedHashMap<>();
        for (Map.Entry<String, ShardingStrategy> e : strategies.entrySet()) {
            List<Shard> mine = shards.stream().filter(s -> s.group().equals(e.getKey())).toList();
            groups.put(e.getKey(), new GroupTopology(e.getKey(), e.getValue(), mine));
        }
        for (Shard s : shards) {
            if (!strategies.containsKey(s.group())) {
                throw new IllegalArgumentException(s + " belongs to no known group");
            }
        }
        return new Topology(version, groups);
    }

    /**
     * The first topology of a cluster (version 1): each configured group cut into its initial shards, spread
     * round-robin over the nodes in configuration order (each group starting at the first node).
     */
    public static Topology initial(ClusterSpec spec) {
        List<String> nodes = spec.nodes().stream().map(NodeSpec::id).toList();
        Map<String, ShardingStrategy> strategies = new LinkedHashMap<>();
        List<Shard> shards = new ArrayList<>();
        int nextId = 1;
        for (GroupSpec g : spec.groups().values()) {
            strategies.put(g.name(), g.strategy());
            long[] starts = initialStarts(g);
            for (int i = 0; i < starts.length; i++) {
                long hi = i + 1 < starts.length ? starts[i + 1] : Long.MAX_VALUE;
                shards.add(Shard.range(nextId++, g.name(), starts[i], hi, nodes.get(i % nodes.size()), 1));
            }
        }
        return of(1, strategies, shards);
    }

    /** Every group gets a fresh cut of the given spec; used to add groups that a loaded topology lacks. */
    public Topology withGroupsFrom(ClusterSpec spec) {
        Topology fresh = initial(spec);
        Map<String, GroupTopology> merged = new LinkedHashMap<>(groups);
        int nextId = nextShardId();
        boolean changed = false;
        for (GroupTopology g : fresh.groups.values()) {
            if (merged.containsKey(g.name())) {
                continue;
            }
            List<Shard> renumbered = new ArrayList<>();
            for (Shard s : g.shards()) {
                renumbered.add(Shard.range(nextId++, s.group(), s.lo(), s.hi(), s.node(), version + 1));
            }
            merged.put(g.name(), new GroupTopology(g.name(), g.strategy(), renumbered));
            changed = true;
        }
        return changed ? new Topology(version + 1, merged) : this;
    }

    private static long[] initialStarts(GroupSpec g) {
        long min = KeyPoints.minPoint(g.strategy());
        if (g.strategy() == ShardingStrategy.RANGE && g.splitPoints() != null && !g.splitPoints().isEmpty()) {
            List<Long> points = g.splitPoints();
            long[] starts = new long[points.size() + 1];
            starts[0] = min;
            for (int i = 0; i < points.size(); i++) {
                starts[i + 1] = points.get(i);
                if (starts[i + 1] <= starts[i]) {
                    throw new IllegalArgumentException("group " + g.name() + ": split points must be ascending and"
                            + " above " + Long.MIN_VALUE);
                }
            }
            return starts;
        }
        int n = Math.max(1, g.shards());
        // Equal ranges of [min, MAX]; BigInteger-free: the width of the space fits in an unsigned long.
        long width = Long.MAX_VALUE - min; // for RANGE this overflows to -1 (2^64 - 1 unsigned)
        long step = Long.divideUnsigned(width, n);
        long[] starts = new long[n];
        for (int i = 0; i < n; i++) {
            starts[i] = min + step * i;
        }
        return starts;
    }

    public long version() {
        return version;
    }

    public Map<String, GroupTopology> groups() {
        return groups;
    }

    /** The group's shards and lookups; null when the topology has no such group. */
    public GroupTopology group(String name) {
        return groups.get(name);
    }

    /** Shorthand for {@code group(g).shardFor(point)}: allocates nothing. */
    public Shard shardFor(String group, long point) {
        return groups.get(group).shardFor(point);
    }

    public Shard shard(int id) {
        return byId.get(id);
    }

    public List<Shard> allShards() {
        return List.copyOf(byId.values());
    }

    public int nextShardId() {
        int max = 0;
        for (int id : byId.keySet()) {
            max = Math.max(max, id);
        }
        return max + 1;
    }

    // ---- deriving the next version: every change below returns a new Topology with version + 1 ----

    /** Replaces the shard with the same id (owner, state, target; range or pins may change if still a valid cut). */
    public Topology withShard(Shard changed) {
        Shard old = byId.get(changed.id());
        if (old == null) {
            throw new IllegalArgumentException("no shard " + changed.id());
        }
        if (!old.group().equals(changed.group())) {
            throw new IllegalArgumentException("shard " + changed.id() + " cannot change group");
        }
        Shard stamped = new Shard(changed.id(), changed.group(), changed.lo(), changed.hi(), changed.pinned(),
                changed.node(), changed.state(), changed.targetNode(), version + 1);
        return replaceInGroup(changed.group(), s -> s.id() == changed.id() ? stamped : s, List.of());
    }

    /** Starts, advances or ends a move: same shard with a new state and target (null target when STABLE). */
    public Topology withState(int shardId, ShardState state, String target) {
        Shard s = require(shardId);
        return withShard(s.with(s.node(), state, target, version + 1));
    }

    /** The ownership flip at the end of a move: the shard now lives on {@code node}, STABLE. */
    public Topology withOwner(int shardId, String node) {
        Shard s = require(shardId);
        return withShard(s.with(node, ShardState.STABLE, null, version + 1));
    }

    /**
     * Splits a STABLE range shard at {@code at} (metadata only, same node): the shard keeps {@code [lo, at)} and a
     * new shard with id {@link #nextShardId()} gets {@code [at, hi)}.
     */
    public Topology split(int shardId, long at) {
        Shard s = require(shardId);
        if (s.isPinned() || s.state() != ShardState.STABLE || at <= s.lo() || at >= s.hi()) {
            throw new IllegalArgumentException("cannot split " + s + " at " + at);
        }
        long v = version + 1;
        Shard left = new Shard(s.id(), s.group(), s.lo(), at, null, s.node(), ShardState.STABLE, null, v);
        Shard right = new Shard(nextShardId(), s.group(), at, s.hi(), null, s.node(), ShardState.STABLE, null, v);
        return replaceInGroup(s.group(), x -> x.id() == shardId ? left : x, List.of(right));
    }

    /**
     * Pins {@code points} into a new shard of their own on {@code node} (metadata only: use the node that owns the
     * points now, then move the new shard). Points already pinned are refused.
     */
    public Topology pin(String group, long[] points, String node) {
        Shard pinned = Shard.pinned(nextShardId(), group, points, node, version + 1);
        return replaceInGroup(group, x -> x, List.of(pinned));
    }

    /** Merges a pinned shard's points back into the ranges (its rows must already be on the range owners). */
    public Topology unpin(int shardId) {
        Shard s = require(shardId);
        if (!s.isPinned()) {
            throw new IllegalArgumentException(s + " is not pinned");
        }
        GroupTopology g = groups.get(s.group());
        List<Shard> rest = new ArrayList<>(g.shards());
        rest.remove(s);
        Map<String, GroupTopology> next = new LinkedHashMap<>(groups);
        next.put(g.name(), new GroupTopology(g.name(), g.strategy(), rest));
        return new Topology(version + 1, next);
    }

    private Topology replaceInGroup(String group, UnaryOperator<Shard> change, List<Shard> added) {
        GroupTopology g = groups.get(group);
        if (g == null) {
            throw new IllegalArgumentException("no group " + group);
        }
        List<Shard> shards = new ArrayList<>();
        for (Shard s : g.shards()) {
            shards.add(change.apply(s));
        }
        shards.addAll(added);
        Map<String, GroupTopology> next = new LinkedHashMap<>(groups);
        next.put(group, new GroupTopology(group, g.strategy(), shards));
        return new Topology(version + 1, next);
    }

    private Shard require(int shardId) {
        Shard s = byId.get(shardId);
        if (s == null) {
            throw new IllegalArgumentException("no shard " + shardId);
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Topology t && t.version == version && t.groups.equals(groups);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(version) * 31 + groups.hashCode();
    }

    @Override
    public String toString() {
        return "topology v" + version + " " + byId.values();
    }
}
