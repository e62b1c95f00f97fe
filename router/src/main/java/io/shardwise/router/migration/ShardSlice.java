package io.shardwise.router.migration;

import io.shardwise.router.config.TableSpec;
import io.shardwise.router.topology.ShardingStrategy;
import java.util.List;
import java.util.Set;

/**
 * The part of a group's key space one shard covers, as the migration engine needs it: which rows of which tables
 * belong to the shard. A shard is either a range {@code [lo, hi)} of key points (closed at the top when
 * {@code hi == Long.MAX_VALUE}) minus the points pinned into other
 * shards ({@code excludedPoints}), or, when {@code pinnedPoints} is not empty, exactly those pinned points.
 */
public record ShardSlice(
        int shardId,
        String group,
        ShardingStrategy strategy,
        long lo,
        long hi,
        Set<Long> pinnedPoints,
        Set<Long> excludedPoints,
        List<TableSpec> tables,
        KeyPointFunction keyPoints) {

    public ShardSlice {
        pinnedPoints = Set.copyOf(pinnedPoints);
        excludedPoints = Set.copyOf(excludedPoints);
        tables = List.copyOf(tables);
    }

    public boolean pinned() {
        return !pinnedPoints.isEmpty();
    }

    public boolean containsPoint(long point) {
        if (pinned()) {
            return pinnedPoints.contains(point);
        }
        return point >= lo && point <= lastPoint() && !excludedPoints.contains(point);
    }

    /**
     * The range's inclusive top point: {@code hi - 1}, or {@code Long.MAX_VALUE} for the top shard (the key space
     * is closed at the top, as in the router's Shard).
     */
    public long lastPoint() {
        return hi == Long.MAX_VALUE ? Long.MAX_VALUE : hi - 1;
    }

    public boolean containsKey(Object key) {
        return containsPoint(keyPoints.point(key));
    }

    /** RANGE groups let the database select a range shard's keys through the shard-key index. */
    public boolean keysAreRange() {
        return strategy == ShardingStrategy.RANGE && !pinned();
    }

    /** For RANGE groups a pinned shard's keys are known values, selectable with an IN list. */
    public boolean keysAreList() {
        return strategy == ShardingStrategy.RANGE && pinned();
    }

    /**
     * Which of {@code buckets} sub-ranges of the shard a key point falls into, for per-range verification.
     * Pinned shards are one bucket.
     */
    public int bucketOf(long point, int buckets) {
        if (pinned() || buckets <= 1) {
            return 0;
        }
        double width = ((double) hi - (double) lo) / buckets;
        int b = (int) (((double) point - (double) lo) / width);
        return Math.max(0, Math.min(buckets - 1, b));
    }

    /** The key points {@code [from, to)} of one bucket of a range shard (the whole shard for pinned shards). */
    public long[] bucketBounds(int bucket, int buckets) {
        if (pinned() || buckets <= 1) {
            return new long[] {lo, hi};
        }
        double width = ((double) hi - (double) lo) / buckets;
        long from = bucket == 0 ? lo : (long) Math.floor(lo + bucket * width) - 1;
        long to = bucket == buckets - 1 ? hi : (long) Math.ceil(lo + (bucket + 1) * width) + 1;
        return new long[] {Math.max(lo, from), Math.min(hi, to)};
    }

    @Override
    public String toString() {
        return "shard " + shardId + " of group " + group
                + (pinned() ? " (pinned " + pinnedPoints + ")" : " [" + lo + ", " + hi + ")");
    }
}
