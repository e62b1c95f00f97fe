package io.shardwise.profiler.plan;

import io.shardwise.profiler.KeyRanges;

import java.util.List;

/**
 * One shard of a group: either a key range {@code [lo, hi)} (half-open; {@code hi == Long.MAX_VALUE} reaches the
 * end of the key space, MAX_VALUE included) or, when {@code pinned} is not empty, exactly those pinned hot points
 * (lo and hi are then ignored). Pinned points are taken out of whatever range contains them.
 */
public record ShardSpec(int id, long lo, long hi, List<Long> pinned, String node, long estimatedRows) {
    public ShardSpec {
        pinned = List.copyOf(pinned);
        if (pinned.isEmpty() && hi <= lo) {
            throw new IllegalArgumentException("shard " + id + ": empty range [" + lo + ", " + hi + ")");
        }
        if (node == null || node.isEmpty()) {
            throw new IllegalArgumentException("shard " + id + " has no node");
        }
        if (estimatedRows < 0) {
            throw new IllegalArgumentException("shard " + id + ": negative row estimate");
        }
    }

    public static ShardSpec range(int id, long lo, long hi, String node, long estimatedRows) {
        return new ShardSpec(id, lo, hi, List.of(), node, estimatedRows);
    }

    public static ShardSpec pinned(int id, List<Long> points, String node, long estimatedRows) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("pinned shard " + id + " needs at least one point");
        }
        return new ShardSpec(id, 0, 0, points, node, estimatedRows);
    }

    public boolean isPinned() {
        return !pinned.isEmpty();
    }

    /** The range's last point (inclusive). */
    public long hiInclusive() {
        return KeyRanges.inclusiveEnd(hi);
    }

    public boolean rangeContains(long point) {
        return !isPinned() && point >= lo && point <= hiInclusive();
    }

    public ShardSpec withNode(String newNode) {
        return new ShardSpec(id, lo, hi, pinned, newNode, estimatedRows);
    }

    @Override
    public String toString() {
        return (isPinned() ? "#" + id + " pinned" + pinned : "#" + id + " [" + lo + ", " + hi + ")") + "@" + node
                + " rows=" + estimatedRows;
    }
}
