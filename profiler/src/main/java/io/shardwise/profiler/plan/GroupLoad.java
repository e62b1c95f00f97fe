package io.shardwise.profiler.plan;

import io.shardwise.profiler.KeyRanges;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A group's predicted load (statements per forecast step) at one moment, over its key space: point masses for
 * the hot keys, plus a residual density that is uniform within each segment. Answers "how much load would a
 * shard over this range / these points carry", for any shard, including ones that do not exist yet.
 */
public final class GroupLoad {
    private final int groupId;
    private final long[] lows;
    private final long[] highs;
    private final double[] residual;
    private final Map<Long, Double> hotKeys;
    private final double broadcastPerShard;

    /**
     * @param lows, highs        segments (inclusive, ascending, not overlapping)
     * @param residual          per segment, the load not carried by the hot keys inside it
     * @param hotKeys           hot key point -> load
     * @param broadcastPerShard load every shard carries from statements sent to all shards
     */
    public GroupLoad(int groupId, long[] lows, long[] highs, double[] residual, Map<Long, Double> hotKeys,
                     double broadcastPerShard) {
        if (lows.length != highs.length || lows.length != residual.length) {
            throw new IllegalArgumentException("one low, high and residual per segment expected");
        }
        this.groupId = groupId;
        this.lows = lows.clone();
        this.highs = highs.clone();
        this.residual = residual.clone();
        this.hotKeys = Map.copyOf(hotKeys);
        this.broadcastPerShard = broadcastPerShard;
    }

    /** Builder for tests and tools: segments and hot keys with the loads they carry. */
    public static Builder builder(int groupId) {
        return new Builder(groupId);
    }

    public int groupId() {
        return groupId;
    }

    public Map<Long, Double> hotKeys() {
        return hotKeys;
    }

    public double broadcastPerShard() {
        return broadcastPerShard;
    }

    /** Load on keys in {@code [lo, hiInclusive]}, hot keys included. */
    public double rangeLoad(long lo, long hiInclusive) {
        if (hiInclusive < lo) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < lows.length; i++) {
            if (residual[i] > 0 && highs[i] >= lo && lows[i] <= hiInclusive) {
                sum += residual[i] * KeyRanges.overlap(lo, hiInclusive, lows[i], highs[i]) / KeyRanges.width(lows[i], highs[i]);
            }
        }
        for (Map.Entry<Long, Double> e : hotKeys.entrySet()) {
            long p = e.getKey();
            if (p >= lo && p <= hiInclusive) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    public double pointLoad(long point) {
        Double hot = hotKeys.get(point);
        if (hot != null) {
            return hot;
        }
        for (int i = 0; i < lows.length; i++) {
            if (point >= lows[i] && point <= highs[i]) {
                return residual[i] / KeyRanges.width(lows[i], highs[i]);
            }
        }
        return 0;
    }

    /** Load of a range shard, less the points pinned elsewhere, plus its share of broadcast statements. */
    public double rangeShardLoad(long lo, long hiInclusive, Set<Long> pinnedElsewhere) {
        double load = rangeLoad(lo, hiInclusive);
        for (Long p : pinnedElsewhere) {
            if (p >= lo && p <= hiInclusive) {
                load -= pointLoad(p);
            }
        }
        return Math.max(0, load) + broadcastPerShard;
    }

    public double pinnedShardLoad(Iterable<Long> points) {
        double load = broadcastPerShard;
        for (Long p : points) {
            load += pointLoad(p);
        }
        return load;
    }

    public double shardLoad(ShardSpec shard, Set<Long> pinnedInGroup) {
        return shard.isPinned() ? pinnedShardLoad(shard.pinned()) : rangeShardLoad(shard.lo(), shard.hiInclusive(), pinnedInGroup);
    }

    /** Total load of the group's keys (without broadcast). */
    public double total() {
        double sum = 0;
        for (double r : residual) {
            sum += r;
        }
        for (double v : hotKeys.values()) {
            sum += v;
        }
        return sum;
    }

    @Override
    public String toString() {
        return "GroupLoad{group=" + groupId + ", segments=" + Arrays.toString(lows) + ", hot=" + hotKeys + "}";
    }

    public static final class Builder {
        private final int groupId;
        private final java.util.List<long[]> segments = new java.util.ArrayList<>();
        private final java.util.List<Double> loads = new java.util.ArrayList<>();
        private final Map<Long, Double> hot = new LinkedHashMap<>();
        private double broadcast;

        private Builder(int groupId) {
            this.groupId = groupId;
        }

        /** A segment {@code [lo, hiInclusive]} whose keys (hot keys excluded) carry {@code load} in total. */
        public Builder segment(long lo, long hiInclusive, double load) {
            segments.add(new long[] {lo, hiInclusive});
            loads.add(load);
            return this;
        }

        public Builder hotKey(long point, double load) {
            hot.put(point, load);
            return this;
        }

        public Builder broadcastPerShard(double load) {
            broadcast = load;
            return this;
        }

        public GroupLoad build() {
            int n = segments.size();
            long[] lo = new long[n];
            long[] hi = new long[n];
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                lo[i] = segments.get(i)[0];
                hi[i] = segments.get(i)[1];
                r[i] = loads.get(i);
            }
            return new GroupLoad(groupId, lo, hi, r, hot, broadcast);
        }
    }
}
