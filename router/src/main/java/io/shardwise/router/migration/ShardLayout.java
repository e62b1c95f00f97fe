package io.shardwise.router.migration;

import io.shardwise.router.topology.GroupTopology;
import io.shardwise.router.topology.KeyPoints;
import io.shardwise.router.topology.Shard;
import io.shardwise.router.topology.ShardState;
import io.shardwise.router.topology.Topology;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Pre-migration sharding: split a shard, pin a hot key into a shard of its own, merge shards. Metadata only, on
 * the node that already holds the rows, so no data moves. Each change freezes the gates of the shards it changes
 * (bounded by migration.cutover-wait) while the new topology is persisted and published: a writer that routed to
 * the old shard id has then finished its transaction, and a later migration's start barrier, which waits on the
 * new shard id's gate only, misses no writer.
 */
public final class ShardLayout {
    private final LiveTopologyPort topology;
    private final MigrationEngine engine;

    public ShardLayout(LiveTopologyPort topology, MigrationEngine engine) {
        this.topology = topology;
        this.engine = engine;
    }

    /**
     * Splits a range shard at key point {@code at} (RANGE groups: the key value; HASH groups: a hash point). The
     * shard keeps {@code [lo, at)}, a new shard gets {@code [at, hi)} on the same node.
     *
     * @return the new shard
     */
    public Shard split(int shardId, long at) throws SQLException {
        Shard s = stable(shardId);
        if (s.isPinned()) {
            throw new SQLException("shard " + shardId + " holds pinned keys; only range shards can be split", "22023");
        }
        if (at <= s.lo() || at > s.lastPoint()) {
            throw new SQLException("cannot split shard " + shardId + " " + s.describeKeys() + " at " + at
                    + ": the split point must lie strictly inside the range", "22023");
        }
        Topology next = frozen(new int[] {shardId}, t -> stableIn(t, shardId).split(shardId, at));
        return next.shardFor(s.group(), at);
    }

    /**
     * Pins a key value into a shard of its own, on the node that owns the key now.
     *
     * @return the new pinned shard
     */
    public Shard pin(String group, Object keyValue) throws SQLException {
        Topology t = topology.live().current();
        GroupTopology g = t.group(group);
        if (g == null) {
            throw new SQLException("no group named '" + group + "' (groups: " + t.groups().keySet() + ")", "22023");
        }
        long point = KeyPoints.point(g.strategy(), keyValue);
        Shard holder = g.shardFor(point);
        if (holder.isPinned()) {
            throw new SQLException("key " + keyValue + " is already pinned in shard " + holder.id(), "22023");
        }
        stable(holder.id());
        Topology next = frozen(new int[] {holder.id()},
                x -> stableIn(x, holder.id()).pin(group, new long[] {point}, holder.node()));
        return next.shardFor(group, point);
    }

    /**
     * Merges two shards of one group on one node: two adjacent range shards become one range (the first id stays);
     * a pinned shard merged with the range shard that covers its keys un-pins them; two pinned shards pool their
     * keys. Both must be stable.
     *
     * @return the merged shard
     */
    public Shard merge(int firstId, int secondId) throws SQLException {
        if (firstId == secondId) {
            throw new SQLException("cannot merge shard " + firstId + " with itself", "22023");
        }
        Shard a = stable(firstId);
        Shard b = stable(secondId);
        if (!a.group().equals(b.group())) {
            throw new SQLException("shards " + firstId + " and " + secondId + " are in different groups ("
                    + a.group() + ", " + b.group() + ")", "22023");
        }
        if (!a.node().equals(b.node())) {
            throw new SQLException("shards " + firstId + " and " + secondId + " live on different nodes ("
                    + a.node() + ", " + b.node() + "): move one of them first (SHARDWISE MOVE SHARD)", "22023");
        }
        Topology next = frozen(new int[] {firstId, secondId}, t -> merged(t, firstId, secondId));
        Shard survivor = next.shard(firstId) != null ? next.shard(firstId) : next.shard(secondId);
        return survivor;
    }

    private static Topology merged(Topology t, int firstId, int secondId) {
        Shard a = stableIn(t, firstId).shard(firstId);
        Shard b = t.shard(secondId);
        if (b.state() != ShardState.STABLE) {
            throw new IllegalStateException("shard " + secondId + " is moving");
        }
        long v = t.version() + 1;
        GroupTopology g = t.group(a.group());
        List<Shard> shards = new ArrayList<>();
        if (!a.isPinned() && !b.isPinned()) {
            Shard lower = a.lo() < b.lo() ? a : b;
            Shard upper = lower == a ? b : a;
            if (lower.hi() != upper.lo()) {
                throw new IllegalArgumentException("shards " + firstId + " " + a.describeKeys() + " and " + secondId
                        + " " + b.describeKeys() + " are not adjacent");
            }
            Shard joined = new Shard(firstId, a.group(), lower.lo(), upper.hi(), null, a.node(), ShardState.STABLE,
                    null, v);
            for (Shard s : g.shards()) {
                if (s.id() == firstId) {
                    shards.add(joined);
                } else if (s.id() != secondId) {
                    shards.add(s);
                }
            }
        } else if (a.isPinned() && b.isPinned()) {
            long[] points = new long[a.pinned().length + b.pinned().length];
            System.arraycopy(a.pinned(), 0, points, 0, a.pinned().length);
            System.arraycopy(b.pinned(), 0, points, a.pinned().length, b.pinned().length);
            Arrays.sort(points);
            for (Shard s : g.shards()) {
                if (s.id() == firstId) {
                    shards.add(new Shard(firstId, a.group(), 0, 0, points, a.node(), ShardState.STABLE, null, v));
                } else if (s.id() != secondId) {
                    shards.add(s);
                }
            }
        } else {
            Shard pinned = a.isPinned() ? a : b;
            Shard range = pinned == a ? b : a;
            for (long p : pinned.pinned()) {
                if (!range.covers(p)) {
                    throw new IllegalArgumentException("pinned key point " + p + " of shard " + pinned.id()
                            + " is not in shard " + range.id() + " " + range.describeKeys());
                }
            }
            for (Shard s : g.shards()) {
                if (s.id() != pinned.id()) {
                    shards.add(s);
                }
            }
        }
        Map<String, GroupTopology> groups = new LinkedHashMap<>(t.groups());
        groups.put(g.name(), new GroupTopology(g.name(), g.strategy(), shards));
        return new Topology(v, groups);
    }

    private Shard stable(int shardId) throws SQLException {
        Shard s = LiveTopologyPort.shard(topology.live().current(), shardId);
        if (s.state() != ShardState.STABLE || engine.gates().gate(shardId).migration() != null) {
            throw new SQLException("shard " + shardId + " is being moved (" + s.state() + "); wait for the migration"
                    + " to finish or cancel it (SHOW SHARDWISE MIGRATIONS)", "55000");
        }
        return s;
    }

    private static Topology stableIn(Topology t, int shardId) {
        Shard s = t.shard(shardId);
        if (s == null) {
            throw new IllegalArgumentException("no shard " + shardId);
        }
        if (s.state() != ShardState.STABLE) {
            throw new IllegalStateException("shard " + shardId + " is being moved");
        }
        return t;
    }

    /** Runs a topology change with the gates of {@code shardIds} frozen. */
    private Topology frozen(int[] shardIds, java.util.function.UnaryOperator<Topology> change) throws SQLException {
        long wait = TimeUnit.MILLISECONDS.toNanos(engine.settings().cutoverWaitMillis());
        List<ShardGate> frozen = new ArrayList<>();
        try {
            for (int id : shardIds) {
                ShardGate gate = engine.gates().gate(id);
                if (!gate.freeze(wait)) {
                    throw new java.sql.SQLTransientException("transactions on shard " + id + " stayed open longer"
                            + " than migration.cutover-wait (" + engine.settings().cutoverWaitMillis()
                            + " ms); the layout change was not made, retry it");
                }
                frozen.add(gate);
            }
            return topology.update(change);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while freezing shards for a layout change", e);
        } finally {
            for (ShardGate g : frozen) {
                g.unfreeze();
            }
        }
    }
}
