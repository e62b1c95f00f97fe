package io.shardwise.profiler.record;

import io.shardwise.profiler.KeySpace;
import io.shardwise.profiler.sketch.CoAccessPair;
import io.shardwise.profiler.sketch.CoAccessSketch;
import io.shardwise.profiler.sketch.HeavyKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts one group's accesses into striped counters (the hot path) and turns them into one {@link BucketStats}
 * per bucket (the roller). Recording methods may be called from any number of threads; {@link #harvest} from one
 * thread at a time.
 */
public final class GroupRecorder {
    private static final double SMOOTHING = 0.5;

    private final int groupId;
    private final String name;
    private final KeySpace space;
    private final RecorderSettings settings;
    private final Stripe[] stripes;
    private final int mask;
    private final SegmentAdapter adapter;
    // roller-owned
    private Segmentation segmentation;
    private double[] smoothedResidual;

    public GroupRecorder(int groupId, String name, KeySpace space, RecorderSettings settings) {
        this(groupId, name, space, settings, Segmentation.uniform(space, settings.initialSegments()), null);
    }

    public GroupRecorder(int groupId, String name, KeySpace space, RecorderSettings settings,
                         Segmentation segmentation, double[] smoothedResidual) {
        if (segmentation.size() > settings.maxSegments() || !segmentation.space().equals(space)) {
            throw new IllegalArgumentException("segmentation does not fit group " + name);
        }
        this.groupId = groupId;
        this.name = name;
        this.space = space;
        this.settings = settings;
        this.segmentation = segmentation;
        this.smoothedResidual = smoothedResidual != null ? smoothedResidual.clone() : new double[segmentation.size()];
        stripes = new Stripe[settings.stripes()];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Stripe(segmentation, settings.maxSegments(), settings.heavyKeyCapacity(), settings.pairCapacity());
        }
        mask = stripes.length - 1;
        adapter = new SegmentAdapter(settings.maxSegments(), 2.0, Math.max(1, settings.maxSegments() / 4));
    }

    public int groupId() {
        return groupId;
    }

    public String name() {
        return name;
    }

    public KeySpace space() {
        return space;
    }

    public Segmentation segmentation() {
        return segmentation;
    }

    public double[] smoothedResidual() {
        return smoothedResidual.clone();
    }

    /** One statement addressed to one key. */
    public void record(long keyPoint, Object keyValue, boolean write, long latencyNanos) {
        Stripe s = acquire();
        try {
            int i = s.segmentation.indexOf(keyPoint);
            if (write) {
                s.writes[i]++;
                s.writeLatencyNanos += latencyNanos;
            } else {
                s.reads[i]++;
                s.readLatencyNanos += latencyNanos;
            }
            s.keys.offer(keyPoint, keyValue, write);
        } finally {
            s.unlock();
        }
    }

    /** One statement addressed to the key points {@code [lo, hiInclusive]}: one access to every segment it covers. */
    public void recordRange(long lo, long hiInclusive, boolean write, long latencyNanos) {
        Stripe s = acquire();
        try {
            int first = s.segmentation.indexOf(lo);
            int last = s.segmentation.indexOf(hiInclusive);
            long[] counts = write ? s.writes : s.reads;
            for (int i = first; i <= last; i++) {
                counts[i]++;
            }
            addLatency(s, write, latencyNanos);
        } finally {
            s.unlock();
        }
    }

    /** One statement sent to every shard of the group (no usable key). */
    public void recordBroadcast(boolean write, long latencyNanos) {
        Stripe s = acquire();
        try {
            if (write) {
                s.broadcastWrites++;
            } else {
                s.broadcastReads++;
            }
            addLatency(s, write, latencyNanos);
        } finally {
            s.unlock();
        }
    }

    /** The pairs of this group's points in one finished transaction. */
    public void recordTransaction(TransactionKeys tx) {
        Stripe s = acquire();
        try {
            s.transactions++;
            int n = tx.size();
            for (int i = 0; i < n; i++) {
                if (tx.group(i) != groupId) {
                    continue;
                }
                for (int j = i + 1; j < n; j++) {
                    if (tx.group(j) == groupId) {
                        s.pairs.offer(tx.point(i), tx.point(j), 1);
                    }
                }
            }
        } finally {
            s.unlock();
        }
    }

    private static void addLatency(Stripe s, boolean write, long latencyNanos) {
        if (write) {
            s.writeLatencyNanos += latencyNanos;
        } else {
            s.readLatencyNanos += latencyNanos;
        }
    }

    private Stripe acquire() {
        int home = (int) Thread.currentThread().getId();
        for (int n = 0; n <= mask; n++) {
            Stripe s = stripes[(home + n) & mask];
            if (s.tryLock()) {
                return s;
            }
        }
        Stripe s = stripes[home & mask];
        s.lock();
        return s;
    }

    /**
     * Closes the bucket: collects every stripe's counts as {@code bucket}'s statistics, clears them, and adapts
     * the segmentation for the next bucket.
     */
    public BucketStats harvest(long bucket) {
        Segmentation seg = segmentation;
        int n = seg.size();
        long[] reads = new long[n];
        long[] writes = new long[n];
        long broadcastReads = 0;
        long broadcastWrites = 0;
        long transactions = 0;
        long readLatency = 0;
        long writeLatency = 0;
        List<HeavyKey[]> keySummaries = new ArrayList<>(stripes.length);
        long[] keyMins = new long[stripes.length];
        CoAccessSketch pairs = new CoAccessSketch(settings.pairCapacity());
        for (int si = 0; si < stripes.length; si++) {
            Stripe s = stripes[si];
            s.lock();
            try {
                for (int i = 0; i < n; i++) {
                    reads[i] += s.reads[i];
                    writes[i] += s.writes[i];
                }
                keySummaries.add(s.keys.snapshot());
                keyMins[si] = s.keys.minCount();
                for (CoAccessPair p : s.pairs.snapshot()) {
                    pairs.offer(p);
                }
                broadcastReads += s.broadcastReads;
                broadcastWrites += s.broadcastWrites;
                transactions += s.transactions;
                readLatency += s.readLatencyNanos;
                writeLatency += s.writeLatencyNanos;
                s.reset(seg);
            } finally {
                s.unlock();
            }
        }
        HeavyKey[] heavy = mergeHeavyKeys(keySummaries, keyMins, settings.storedHeavyKeys());
        List<CoAccessPair> pairList = pairs.snapshot();
        CoAccessPair[] topPairs = pairList.subList(0, Math.min(settings.storedPairs(), pairList.size()))
                .toArray(new CoAccessPair[0]);
        BucketStats stats = new BucketStats(bucket, seg, reads, writes, heavy, topPairs, broadcastReads, broadcastWrites,
                transactions, readLatency, writeLatency);
        adapt(stats);
        return stats;
    }

    /**
     * Merges the stripes' summaries: a key's estimate is the sum over stripes of its counter where monitored and of
     * that stripe's minimum counter where not (an upper bound there). Each stripe overestimates by at most its
     * N_s/k, so the merged estimate overestimates by at most N/k.
     */
    static HeavyKey[] mergeHeavyKeys(List<HeavyKey[]> summaries, long[] mins, int keep) {
        if (summaries.size() == 1) {
            HeavyKey[] only = summaries.get(0);
            return Arrays.copyOf(only, Math.min(keep, only.length));
        }
        Map<Long, long[]> merged = new HashMap<>(); // count, error, reads, writes, seenMinSum
        Map<Long, Object> values = new HashMap<>();
        long allMins = 0;
        for (long m : mins) {
            allMins += m;
        }
        for (int s = 0; s < summaries.size(); s++) {
            for (HeavyKey k : summaries.get(s)) {
                long[] acc = merged.computeIfAbsent(k.point(), p -> new long[5]);
                acc[0] += k.count();
                acc[1] += k.error();
                acc[2] += k.reads();
                acc[3] += k.writes();
                acc[4] += mins[s];
                if (k.value() != null) {
                    values.putIfAbsent(k.point(), k.value());
                }
            }
        }
        List<HeavyKey> out = new ArrayList<>(merged.size());
        for (Map.Entry<Long, long[]> e : merged.entrySet()) {
            long[] acc = e.getValue();
            long unseen = allMins - acc[4]; // stripes that did not monitor the key: bounded by their minimum
            out.add(new HeavyKey(e.getKey(), values.get(e.getKey()), acc[0] + unseen, acc[1] + unseen, acc[2], acc[3]));
        }
        out.sort(HeavyKey.HEAVIEST_FIRST);
        return out.subList(0, Math.min(keep, out.size())).toArray(new HeavyKey[0]);
    }

    private void adapt(BucketStats stats) {
        Segmentation seg = stats.segmentation();
        for (int i = 0; i < seg.size(); i++) {
            smoothedResidual[i] = SMOOTHING * stats.residual(i) + (1 - SMOOTHING) * smoothedResidual[i];
        }
        SegmentAdapter.Result next = adapter.adapt(seg, smoothedResidual);
        smoothedResidual = next.loads();
        if (next.segmentation() != seg) {
            install(seg, next.segmentation());
        }
    }

    /** Switches every stripe to {@code next}, carrying counts recorded since the harvest over to the new segments. */
    private void install(Segmentation previous, Segmentation next) {
        int[] target = new int[previous.size()];
        for (int i = 0; i < target.length; i++) {
            target[i] = next.indexOf(previous.low(i));
        }
        long[] scratchReads = new long[settings.maxSegments()];
        long[] scratchWrites = new long[settings.maxSegments()];
        for (Stripe s : stripes) {
            s.lock();
            try {
                Arrays.fill(scratchReads, 0);
                Arrays.fill(scratchWrites, 0);
                for (int i = 0; i < target.length; i++) {
                    scratchReads[target[i]] += s.reads[i];
                    scratchWrites[target[i]] += s.writes[i];
                }
                System.arraycopy(scratchReads, 0, s.reads, 0, scratchReads.length);
                System.arraycopy(scratchWrites, 0, s.writes, 0, scratchWrites.length);
                s.segmentation = next;
            } finally {
                s.unlock();
            }
        }
        segmentation = next;
    }
}
