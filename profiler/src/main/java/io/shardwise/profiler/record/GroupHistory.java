package io.shardwise.profiler.record;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} buckets of one group, oldest first, without gaps: a bucket that saw no traffic (or
 * passed while the process was down) is stored as an empty bucket, so position in the history is time.
 * Guarded by the profiler's roller lock.
 */
public final class GroupHistory {
    private final int capacity;
    private final ArrayDeque<BucketStats> buckets;

    public GroupHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history must hold at least one bucket");
        }
        this.capacity = capacity;
        buckets = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    public int capacity() {
        return capacity;
    }

    /** Appends {@code stats}, first filling any gap since the last bucket with empty buckets. */
    public void add(BucketStats stats) {
        BucketStats last = buckets.peekLast();
        if (last != null) {
            if (stats.bucket() <= last.bucket()) {
                throw new IllegalArgumentException("bucket " + stats.bucket() + " is not after " + last.bucket());
            }
            long firstMissing = Math.max(last.bucket() + 1, stats.bucket() - capacity);
            for (long b = firstMissing; b < stats.bucket(); b++) {
                append(BucketStats.empty(b, last.segmentation()));
            }
        }
        append(stats);
    }

    private void append(BucketStats stats) {
        if (buckets.size() == capacity) {
            buckets.removeFirst();
        }
        buckets.addLast(stats);
    }

    public int size() {
        return buckets.size();
    }

    public BucketStats last() {
        return buckets.peekLast();
    }

    /** Oldest first. */
    public List<BucketStats> buckets() {
        return new ArrayList<>(buckets);
    }
}
