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
    private final int span;
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
        this(bucket, 1, segmentation, segmentReads, segmentWrites, heavyKeys, pairs, broadcastReads, broadcastWrites,
                transactions, readLatencyNanos, writeLatencyNanos);
    }

    /** Statistics covering {@code span} consecutive buckets from {@code bucket} on (a compacted step). */
    public BucketStats(long bucket, int span, Segmentation segmentation, long[] segmentReads, long[] segmentWrites,
                       HeavyKey[] heavyKeys, CoAccessPair[] pairs, long broadcastReads, long broadcastWrites,
                       long transactions, long readLatencyNanos, long writeLatencyNanos) {
        if (span < 1) {
            throw new IllegalArgumentException("a bucket covers at least one bucket, got span " + span);
        }
        if (segmentReads.length != segmentation.size() || segmentWrites.length != segmentation.size()) {
            throw new IllegalArgumentException("one read and one write count per segment expected");
        }
        this.bucket = bucket;
        this.span = span;
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

    /** The (first) bucket covered. */
    public long bucket() {
        return bucket;
    }

    /** How many consecutive buckets these statistics cover: 1, or a whole forecast step once compacted. */
    public int span() {
        return span;
    }

    /**
     * One statistics object for consecutive buckets (a completed forecast step), so that old history costs one
     * object per step instead of one per bucket. Segment counts are carried onto the last part's segmentation in
     * proportion to overlap (exact when the segmentation did not change within the step); heavy keys and pairs are
     * summed per key and the heaviest kept (twice as many keys as one part kept, since a step's heavy set moves more
     * than one bucket's; as many pairs); everything else is summed.
     */
    public static BucketStats merge(List<BucketStats> parts) {
        BucketStats first = parts.get(0);
        BucketStats last = parts.get(parts.size() - 1);
        Segmentation target = last.segmentation;
        int n = target.size();
        double[] reads = new double[n];
        double[] writes = new double[n];
        int span = 0;
        long broadcastReads = 0;
        long broadcastWrites = 0;
        long transactions = 0;
        long readLatency = 0;
        long writeLatency = 0;
        int keepKeys = 0;
        int keepPairs = 0;
        java.util.Map<Long, long[]> keys = new java.util.HashMap<>();
        java.util.Map<Long, Object> values = new java.util.HashMap<>();
        java.util.Map<java.util.List<Long>, long[]> pairSums = new java.util.HashMap<>();
        for (BucketStats b : parts) {
            span += b.span;
            Segmentation seg = b.segmentation;
            for (int i = 0; i < seg.size(); i++) {
                if (b.segmentReads[i] == 0 && b.segmentWrites[i] == 0) {
                    continue;
                }
                if (seg == target || seg.equals(target)) {
                    reads[i] += b.segmentReads[i];
                    writes[i] += b.segmentWrites[i];
                    continue;
                }
                double width = seg.width(i);
                for (int t = target.indexOf(seg.low(i)); t <= target.indexOf(seg.high(i)); t++) {
                    double share = KeyRanges.overlap(seg.low(i), seg.high(i), target.low(t), target.high(t)) / width;
                    reads[t] += b.segmentReads[i] * share;
                    writes[t] += b.segmentWrites[i] * share;
                }
            }
            for (HeavyKey k : b.heavyKeys) {
                long[] acc = keys.computeIfAbsent(k.point(), p -> new long[4]);
                acc[0] += k.count();
                acc[1] += k.error();
                acc[2] += k.reads();
                acc[3] += k.writes();
                if (k.value() != null) {
                    values.putIfAbsent(k.point(), k.value());
                }
            }
            for (CoAccessPair p : b.pairs) {
                long[] acc = pairSums.computeIfAbsent(java.util.List.of(p.a(), p.b()), x -> new long[2]);
                acc[0] += p.count();
                acc[1] += p.error();
            }
            keepKeys = Math.max(keepKeys, b.heavyKeys.length);
            keepPairs = Math.max(keepPairs, b.pairs.length);
            broadcastReads += b.broadcastReads;
            broadcastWrites += b.broadcastWrites;
            transactions += b.transactions;
            readLatency += b.readLatencyNanos;
            writeLatency += b.writeLatencyNanos;
        }
        long[] r = new long[n];
        long[] w = new long[n];
        for (int i = 0; i < n; i++) {
            r[i] = Math.round(reads[i]);
            w[i] = Math.round(writes[i]);
        }
        java.util.List<HeavyKey> heavy = new java.util.ArrayList<>();
        keys.forEach((p, a) -> heavy.add(new HeavyKey(p, values.get(p), a[0], a[1], a[2], a[3])));
        heavy.sort(HeavyKey.HEAVIEST_FIRST);
        java.util.List<CoAccessPair> pairList = new java.util.ArrayList<>();
        pairSums.forEach((k, a) -> pairList.add(new CoAccessPair(k.get(0), k.get(1), a[0], a[1])));
        pairList.sort((x, y) -> x.count() != y.count() ? Long.compare(y.count(), x.count())
                : x.a() != y.a() ? Long.compare(x.a(), y.a()) : Long.compare(x.b(), y.b()));
        return new BucketStats(first.bucket, span, target, r, w,
                heavy.subList(0, Math.min(2 * keepKeys, heavy.size())).toArray(new HeavyKey[0]),
                pairList.subList(0, Math.min(keepPairs, pairList.size())).toArray(new CoAccessPair[0]),
                broadcastReads, broadcastWrites, transactions, readLatency, writeLatency);
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
