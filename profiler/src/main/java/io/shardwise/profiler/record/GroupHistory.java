package io.shardwise.profiler.record;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The last {@code capacity} buckets of one group, oldest first, without gaps: a bucket that saw no traffic (or
 * passed while the process was down) is stored as an empty bucket, so position in the history is time. Once a
 * forecast step ({@code stepBuckets} aligned buckets) is complete, its buckets are compacted into one
 * {@link BucketStats} covering the step: forecasting only ever reads whole steps, and the history then costs one
 * object per step (a 3-day history of 10 s buckets in 5-minute steps: 864 objects, not 25,920).
 * Guarded by the profiler's roller lock.
 */
public final class GroupHistory {
    private final int capacity;
    private final int stepBuckets;
    private final ArrayDeque<BucketStats> buckets;
    private long covered; // buckets covered by the entries (sum of spans)

    public GroupHistory(int capacity) {
        this(capacity, 1);
    }

    public GroupHistory(int capacity, int stepBuckets) {
        if (capacity < 1 || stepBuckets < 1) {
            throw new IllegalArgumentException("history must hold at least one bucket, in steps of at least one");
        }
        this.capacity = capacity;
        this.stepBuckets = stepBuckets;
        buckets = new ArrayDeque<>();
    }

    public int capacity() {
        return capacity;
    }

    /** Appends {@code stats}, first filling any gap since the last bucket with empty buckets. */
    public void add(BucketStats stats) {
        BucketStats last = buckets.peekLast();
        if (last != null) {
            long next = last.bucket() + last.span();
            if (stats.bucket() < next) {
                throw new IllegalArgumentException("bucket " + stats.bucket() + " is not after " + (next - 1));
            }
            long firstMissing = Math.max(next, stats.bucket() - capacity);
            for (long b = firstMissing; b < stats.bucket(); b++) {
                append(BucketStats.empty(b, last.segmentation()));
            }
        }
        append(stats);
    }

    private void append(BucketStats stats) {
        buckets.addLast(stats);
        covered += stats.span();
        compactCompletedStep(stats);
        while (covered > capacity && buckets.size() > 1) {
            covered -= buckets.removeFirst().span();
        }
    }

    /** When {@code added} ends a step whose buckets are all here one by one, replaces them with one merged entry. */
    private void compactCompletedStep(BucketStats added) {
        if (stepBuckets == 1 || added.span() != 1 || Math.floorMod(added.bucket(), stepBuckets) != stepBuckets - 1) {
            return;
        }
        long stepStart = added.bucket() - (stepBuckets - 1);
        List<BucketStats> parts = new ArrayList<>(stepBuckets);
        Iterator<BucketStats> it = buckets.descendingIterator();
        while (it.hasNext() && parts.size() < stepBuckets) {
            BucketStats b = it.next();
            if (b.span() != 1 || b.bucket() < stepStart) {
                break;
            }
            parts.add(0, b);
        }
        if (parts.size() != stepBuckets || parts.get(0).bucket() != stepStart) {
            return; // the history began inside this step
        }
        for (int i = 0; i < stepBuckets; i++) {
            buckets.removeLast();
        }
        buckets.addLast(BucketStats.merge(parts));
    }

    public int size() {
        return buckets.size();
    }

    /** Buckets covered (each compacted step counts as its buckets). */
    public long coveredBuckets() {
        return covered;
    }

    public BucketStats last() {
        return buckets.peekLast();
    }

    /** Oldest first. */
    public List<BucketStats> buckets() {
        return new ArrayList<>(buckets);
    }
}
