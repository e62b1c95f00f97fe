package io.shardwise.router.migration;

import io.shardwise.router.config.TableSpec;
import io.shardwise.router.topology.ShardingStrategy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small topology for engine tests: range shards and pinned shards of groups, each with an owner. Counts how often
 * the owner flip was persisted, and can be told to fail the flip.
 */
final class TestTopology implements MigrationTopology {
    record TShard(int id, String group, long lo, long hi, Set<Long> pinned, String owner, MigrationState state) {
        boolean covers(long p) {
            return pinned.isEmpty() ? p >= lo && (hi == Long.MAX_VALUE ? true : p < hi) : pinned.contains(p);
        }
    }

    private final Map<Integer, TShard> shards = new LinkedHashMap<>();
    private final Map<String, ShardingStrategy> strategies = new LinkedHashMap<>();
    private final Map<String, List<TableSpec>> tables = new LinkedHashMap<>();
    private final Set<String> nodes;
    final AtomicInteger flips = new AtomicInteger();
    volatile boolean failFlip;

    TestTopology(Set<String> nodes) {
        this.nodes = nodes;
    }

    static long hash(Object key) {
        long v = ((Number) key).longValue();
        long h = v ^ 0x5bd1e9955bd1e995L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h & Long.MAX_VALUE;
    }

    synchronized TestTopology group(String name, ShardingStrategy s, TableSpec... t) {
        strategies.put(name, s);
        tables.put(name, List.of(t));
        return this;
    }

    synchronized TestTopology range(int id, String group, long lo, long hi, String owner) {
        shards.put(id, new TShard(id, group, lo, hi, Set.of(), owner, null));
        return this;
    }

    synchronized TestTopology pinned(int id, String group, String owner, Long... points) {
        shards.put(id, new TShard(id, group, 0, 0, Set.of(points), owner, null));
        return this;
    }

    @Override
    public synchronized ShardSlice slice(int shardId) throws SQLException {
        TShard s = shards.get(shardId);
        if (s == null) {
            throw new SQLException("no shard " + shardId);
        }
        Set<Long> excluded = new TreeSet<>();
        for (TShard o : shards.values()) {
            if (o.group().equals(s.group()) && !o.pinned().isEmpty() && o.id() != shardId) {
                excluded.addAll(o.pinned());
            }
        }
        return new ShardSlice(shardId, s.group(), strategies.get(s.group()), s.lo(), s.hi(), s.pinned(), excluded,
                tables.get(s.group()), keyPoints(s.group()));
    }

    @Override
    public synchronized String owner(int shardId) throws SQLException {
        TShard s = shards.get(shardId);
        if (s == null) {
            throw new SQLException("no shard " + shardId);
        }
        return s.owner();
    }

    @Override
    public Set<String> nodes() {
        return nodes;
    }

    synchronized TShard shardFor(String group, long point) {
        for (TShard s : shards.values()) {
            if (s.group().equals(group) && !s.pinned().isEmpty() && s.covers(point)) {
                return s;
            }
        }
        for (TShard s : shards.values()) {
            if (s.group().equals(group) && s.pinned().isEmpty() && s.covers(point)) {
                return s;
            }
        }
        throw new IllegalStateException("no shard for " + point);
    }

    @Override
    public synchronized String ownerOf(String group, long point) {
        return shardFor(group, point).owner();
    }

    @Override
    public KeyPointFunction keyPoints(String group) {
        ShardingStrategy s = strategies.get(group);
        return s == ShardingStrategy.HASH ? TestTopology::hash : k -> ((Number) k).longValue();
    }

    @Override
    public synchronized List<TableSpec> tables(String group) {
        return tables.get(group);
    }

    @Override
    public synchronized void markState(int shardId, MigrationState state, String target) {
        TShard s = shards.get(shardId);
        shards.put(shardId, new TShard(s.id(), s.group(), s.lo(), s.hi(), s.pinned(), s.owner(), state));
    }

    synchronized MigrationState state(int shardId) {
        return shards.get(shardId).state();
    }

    @Override
    public synchronized void flipOwner(int shardId, String from, String to) throws SQLException {
        if (failFlip) {
            throw new SQLException("injected: the topology store is unavailable");
        }
        TShard s = shards.get(shardId);
        if (!s.owner().equals(from)) {
            throw new SQLException("shard " + shardId + " is not on " + from);
        }
        shards.put(shardId, new TShard(s.id(), s.group(), s.lo(), s.hi(), s.pinned(), to, null));
        flips.incrementAndGet();
    }

    /** Test-only: what a restarted process would read from a persisted topology. */
    synchronized void setOwner(int shardId, String owner) {
        TShard s = shards.get(shardId);
        shards.put(shardId, new TShard(s.id(), s.group(), s.lo(), s.hi(), s.pinned(), owner, s.state()));
    }

    @Override
    public synchronized boolean stillRoutes(int shardId, String node, long point, boolean keyKnown) {
        TShard s = shards.get(shardId);
        if (s == null || !s.owner().equals(node)) {
            return false;
        }
        return !keyKnown || shardFor(s.group(), point).id() == shardId;
    }

    synchronized int[] shardsOn(String group, String node) {
        List<Integer> ids = new ArrayList<>();
        for (TShard s : shards.values()) {
            if (s.group().equals(group) && s.owner().equals(node)) {
                ids.add(s.id());
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}
