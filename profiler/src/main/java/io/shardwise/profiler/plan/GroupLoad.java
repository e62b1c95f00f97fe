package io.shardwise.profiler.plan;

import io.shardwise.profiler.KeyRanges;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A group's predicted load (statements per forecast step) over its key space, at several future moments
 * ("columns": the steps of the horizon, and when a season is known, moments spread over the rest of the season):
 * point masses for the hot keys, plus a residual density that is uniform within each segment. Answers "how much
 * load would a shard over this range / these points carry at each moment", for any shard, including ones that do
 * not exist yet. Loads are returned as one value per column.
 */
public final class GroupLoad {
    private final int groupId;
    private final int columns;
    private final long[] lows;
    private final long[] highs;
    private final double[][] residual; // [segment][column]
    private final Map<Long, double[]> hotKeys;
    private final double[] broadcastPerShard;

    /**
     * @param lows, highs        segments (inclusive, ascending, not overlapping)
     * @param residual          per segment and column, the load not carried by the hot keys inside it
     * @param hotKeys           hot key point -> load per column
     * @param broadcastPerShard per column, the load every shard carries from statements sent to all shards
     */
    public GroupLoad(int groupId, long[] lows, long[] highs, double[][] residual, Map<Long, double[]> hotKeys,
                     double[] broadcastPerShard) {
        if (lows.length != highs.length || lows.length != residual.length) {
            throw new IllegalArgumentException("one low, high and residual per segment expected");
        }
        columns = broadcastPerShard.length;
        if (columns < 1) {
            throw new IllegalArgumentException("a load needs at least one column");
        }
        for (double[] r : residual) {
            if (r.length != columns) {
                throw new IllegalArgumentException("every segment needs " + columns + " columns");
            }
        }
        for (double[] v : hotKeys.values()) {
            if (v.length != columns) {
                throw new IllegalArgumentException("every hot key needs " + columns + " columns");
            }
        }
        this.groupId = groupId;
        this.lows = lows.clone();
        this.highs = highs.clone();
        this.residual = new double[residual.length][];
        for (int i = 0; i < residual.length; i++) {
            this.residual[i] = residual[i].clone();
        }
        Map<Long, double[]> hot = new HashMap<>();
        hotKeys.forEach((k, v) -> hot.put(k, v.clone()));
        this.hotKeys = hot;
        this.broadcastPerShard = broadcastPerShard.clone();
    }

    /** Builder for tests and tools: segments and hot keys with the loads they carry (one value per column). */
    public static Builder builder(int groupId) {
        return new Builder(groupId);
    }

    public int groupId() {
        return groupId;
    }

    public int columns() {
        return columns;
    }

    public Set<Long> hotKeyPoints() {
        return hotKeys.keySet();
    }

    public double[] hotKey(long point) {
        double[] v = hotKeys.get(point);
        return v == null ? null : v.clone();
    }

    public double broadcastPerShard(int column) {
        return broadcastPerShard[column];
    }

    /** Load on keys in {@code [lo, hiInclusive]} at {@code column}, hot keys included. */
    public double rangeLoadAt(long lo, long hiInclusive, int column) {
        if (hiInclusive < lo) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < lows.length; i++) {
            if (highs[i] >= lo && lows[i] <= hiInclusive && residual[i][column] > 0) {
                sum += residual[i][column] * KeyRanges.overlap(lo, hiInclusive, lows[i], highs[i])
                        / KeyRanges.width(lows[i], highs[i]);
            }
        }
        for (Map.Entry<Long, double[]> e : hotKeys.entrySet()) {
            long p = e.getKey();
            if (p >= lo && p <= hiInclusive) {
                sum += e.getValue()[column];
            }
        }
        return sum;
    }

    /** Load on keys in {@code [lo, hiInclusive]}, per column. */
    public double[] rangeLoad(long lo, long hiInclusive) {
        double[] out = new double[columns];
        if (hiInclusive < lo) {
            return out;
        }
        for (int i = 0; i < lows.length; i++) {
            if (highs[i] >= lo && lows[i] <= hiInclusive) {
                double share = KeyRanges.overlap(lo, hiInclusive, lows[i], highs[i]) / KeyRanges.width(lows[i], highs[i]);
                for (int c = 0; c < columns; c++) {
                    out[c] += residual[i][c] * share;
                }
            }
        }
        for (Map.Entry<Long, double[]> e : hotKeys.entrySet()) {
            long p = e.getKey();
            if (p >= lo && p <= hiInclusive) {
                add(out, e.getValue(), 1);
            }
        }
        return out;
    }

    public double[] pointLoad(long point) {
        double[] hot = hotKeys.get(point);
        if (hot != null) {
            return hot.clone();
        }
        double[] out = new double[columns];
        for (int i = 0; i < lows.length; i++) {
            if (point >= lows[i] && point <= highs[i]) {
                double w = KeyRanges.width(lows[i], highs[i]);
                for (int c = 0; c < columns; c++) {
                    out[c] = residual[i][c] / w;
                }
            }
        }
        return out;
    }

    /** Load of the keys of a range shard, less the points pinned elsewhere (no broadcast share). */
    public double[] rangeKeyLoad(long lo, long hiInclusive, Set<Long> pinnedElsewhere) {
        double[] load = rangeLoad(lo, hiInclusive);
        for (Long p : pinnedElsewhere) {
            if (p >= lo && p <= hiInclusive) {
                add(load, pointLoad(p), -1);
            }
        }
        for (int c = 0; c < columns; c++) {
            load[c] = Math.max(0, load[c]);
        }
        return load;
    }

    /** Load of a range shard, less the points pinned elsewhere, plus its share of broadcast statements. */
    public double[] rangeShardLoad(long lo, long hiInclusive, Set<Long> pinnedElsewhere) {
        double[] load = rangeKeyLoad(lo, hiInclusive, pinnedElsewhere);
        add(load, broadcastPerShard, 1);
        return load;
    }

    public double[] pinnedShardLoad(Iterable<Long> points) {
        double[] load = broadcastPerShard.clone();
        for (Long p : points) {
            add(load, pointLoad(p), 1);
        }
        return load;
    }

    public double[] shardLoad(ShardSpec shard, Set<Long> pinnedInGroup) {
        return shard.isPinned() ? pinnedShardLoad(shard.pinned()) : rangeShardLoad(shard.lo(), shard.hiInclusive(), pinnedInGroup);
    }

    /** Total load of the group's keys (without broadcast), per column. */
    public double[] total() {
        double[] out = new double[columns];
        for (double[] r : residual) {
            add(out, r, 1);
        }
        for (double[] v : hotKeys.values()) {
            add(out, v, 1);
        }
        return out;
    }

    static void add(double[] into, double[] v, double sign) {
        for (int c = 0; c < into.length; c++) {
            into[c] += sign * v[c];
        }
    }

    static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    @Override
    public String toString() {
        return "GroupLoad{group=" + groupId + ", columns=" + columns + ", segments=" + Arrays.toString(lows)
                + ", hot=" + hotKeys.keySet() + "}";
    }

    public static final class Builder {
        private final int groupId;
        private final List<long[]> segments = new ArrayList<>();
        private final List<double[]> loads = new ArrayList<>();
        private final Map<Long, double[]> hot = new LinkedHashMap<>();
        private double[] broadcast;

        private Builder(int groupId) {
            this.groupId = groupId;
        }

        /** A segment {@code [lo, hiInclusive]} whose keys (hot keys excluded) carry {@code load} in total, per column. */
        public Builder segment(long lo, long hiInclusive, double... load) {
            segments.add(new long[] {lo, hiInclusive});
            loads.add(load.clone());
            return this;
        }

        public Builder hotKey(long point, double... load) {
            hot.put(point, load.clone());
            return this;
        }

        public Builder broadcastPerShard(double... load) {
            broadcast = load.clone();
            return this;
        }

        public GroupLoad build() {
            int columns = !loads.isEmpty() ? loads.get(0).length : !hot.isEmpty() ? hot.values().iterator().next().length : 1;
            int n = segments.size();
            long[] lo = new long[n];
            long[] hi = new long[n];
            double[][] r = new double[n][];
            for (int i = 0; i < n; i++) {
                lo[i] = segments.get(i)[0];
                hi[i] = segments.get(i)[1];
                r[i] = loads.get(i);
            }
            return new GroupLoad(groupId, lo, hi, r, hot, broadcast != null ? broadcast : new double[columns]);
        }
    }
}
