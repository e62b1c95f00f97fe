package io.shardwise.profiler.record;

import io.shardwise.profiler.KeyRanges;
import io.shardwise.profiler.sketch.CoAccessPair;
import io.shardwise.profiler.sketch.HeavyKey;

import java.util.List;

/**
 * What one group saw in one time bucket: reads and writes per key segment, the heaviest keys, the heaviest
 * co-accessed pairs, statements sent to every shard, and latency sums. Immutable.
 *
 * <p>Load of any key range is estimated from it as: the heavy keys inside the range, plus each segment's remaining
 * ("residual") load spread uniformly over the segment. This is how series are rebuilt for shards and segments
 * whose bounds differ from the segmentation of the day.
 */
public final class BucketStats {
    private final long bucket;
    private final Segmentation segmentation;
    private final long[] segmentReads;
    private final long[] segmentWrites;
    private final HeavyKey[] heavyKeys;
    private final CoAccessPair[] pairs;
    private final long broadcastReads;
    private final long broadcastWrites;
    private final long transactions;
    private final long readLatencyNanos;
    private final long writeLatencyNanos;
    private final double[] residual;

    public BucketStats(long bucket, Segmentation segmentation, long[] segmentReads, long[] segmentWrites,
                       HeavyKey[] heavyKeys, CoAccessPair[] pairs, long broadcastReads, long broadcastWrites,
                       long transactions, long readLatencyNanos, long writeLatencyNanos) {
        if (segmentReads.length != segmentation.size() || segmentWrites.length != segmentation.size()) {
            throw new IllegalArgumentException("one read and one write count per segment expected");
        }
        this.bucket = bucket;
        this.segmentation = segmentation;
        this.segmentReads = segmentReads.clone();
        this.segmentWrites = segmentWrites.clone();
        this.heavyKeys = heavyKeys.clone();
        this.pairs = pairs.clone();
        this.broadcastReads = broadcastReads;
        this.broadcastWrites = broadcastWrites;
        this.transactions = transactions;
        this.readLatencyNanos = readLatencyNanos;
        this.writeLatencyNanos = writeLatencyNanos;
        residual = new double[segmentation.size()];
        for (int i = 0; i < residual.length; i++) {
            residual[i] = segmentReads[i] + segmentWrites[i];
        }
        for (HeavyKey k : heavyKeys) {
            int s = segmentation.indexOf(k.point());
            residual[s] -= Math.min(k.count(), residual[s]);
        }
    }

    /** An empty bucket (no traffic) over {@code segmentation}. */
    public static BucketStats empty(long bucket, Segmentation segmentation) {
        int n = segmentation.size();
        return new BucketStats(bucket, segmentation, new long[n], new long[n], new HeavyKey[0], new CoAccessPair[0],
                0, 0, 0, 0, 0);
    }

    public long bucket() {
        return bucket;
    }

    public Segmentation segmentation() {
        return segmentation;
    }

    public long segmentReads(int i) {
        return segmentReads[i];
    }

    public long segmentWrites(int i) {
        return segmentWrites[i];
    }

    public List<HeavyKey> heavyKeys() {
        return List.of(heavyKeys);
    }

    public List<CoAccessPair> pairs() {
        return List.of(pairs);
    }

    public long broadcastReads() {
        return broadcastReads;
    }

    public long broadcastWrites() {
        return broadcastWrites;
    }

    public long transactions() {
        return transactions;
    }

    public long readLatencyNanos() {
        return readLatencyNanos;
    }

    public long writeLatencyNanos() {
        return writeLatencyNanos;
    }

    public long reads() {
        long sum = 0;
        for (long r : segmentReads) {
            sum += r;
        }
        return sum;
    }

    public long writes() {
        long sum = 0;
        for (long w : segmentWrites) {
            sum += w;
        }
        return sum;
    }

    /** Key-addressed statements (reads + writes) of the bucket; statements sent to every shard are not included. */
    public long total() {
        return reads() + writes();
    }

    /** Load of segment {@code i} not explained by the heavy keys inside it. */
    public double residual(int i) {
        return residual[i];
    }

    /** Estimated statements addressed to keys in {@code [lo, hiInclusive]}. */
    public double load(long lo, long hiInclusive) {
        double sum = 0;
        int first = segmentation.indexOf(lo);
        int last = segmentation.indexOf(hiInclusive);
        for (int i = first; i <= last; i++) {
            if (residual[i] > 0) {
                double overlap = KeyRanges.overlap(lo, hiInclusive, segmentation.low(i), segmentation.high(i));
                sum += residual[i] * overlap / segmentation.width(i);
            }
        }
        for (HeavyKey k : heavyKeys) {
            if (k.point() >= lo && k.point() <= hiInclusive) {
                sum += k.count();
            }
        }
        return sum;
    }

    /** Estimated statements addressed to exactly {@code point}. */
    public double pointLoad(long point) {
        for (HeavyKey k : heavyKeys) {
            if (k.point() == point) {
                return k.count();
            }
        }
        int s = segmentation.indexOf(point);
        return residual[s] / segmentation.width(s);
    }
}
