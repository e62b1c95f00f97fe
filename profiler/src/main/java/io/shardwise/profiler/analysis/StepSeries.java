package io.shardwise.profiler.analysis;

import io.shardwise.profiler.record.BucketStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Groups a history of buckets into forecast steps of {@code stepBuckets} consecutive buckets (aligned on bucket
 * numbers, so a step always covers the same wall-clock interval), keeping only complete steps (a compacted entry
 * covers a whole step by itself), and builds series of any quantity over them.
 */
public final class StepSeries {
    private final List<List<BucketStats>> steps = new ArrayList<>();
    private final long lastStepEndBucket;
    private final int stepBuckets;

    public StepSeries(List<BucketStats> history, int stepBuckets) {
        this.stepBuckets = stepBuckets;
        List<BucketStats> current = new ArrayList<>();
        long currentStep = Long.MIN_VALUE;
        int covered = 0;
        long end = -1;
        for (BucketStats b : history) {
            long step = Math.floorDiv(b.bucket(), stepBuckets);
            if (step != currentStep) {
                if (covered == stepBuckets) {
                    steps.add(current);
                }
                current = new ArrayList<>();
                currentStep = step;
                covered = 0;
            }
            current.add(b);
            covered += b.span();
            if (covered == stepBuckets) {
                end = b.bucket() + b.span();
            }
        }
        if (covered == stepBuckets) {
            steps.add(current);
        }
        lastStepEndBucket = end;
    }

    public int size() {
        return steps.size();
    }

    /** The bucket number right after the last complete step (-1 when there is none). */
    public long endBucket() {
        return lastStepEndBucket;
    }

    /** The number of the first complete step (bucket number / buckets per step). */
    public long firstStepIndex() {
        return steps.isEmpty() ? 0 : Math.floorDiv(steps.get(0).get(0).bucket(), stepBuckets);
    }

    public List<BucketStats> step(int i) {
        return steps.get(i);
    }

    public double[] series(ToDoubleFunction<BucketStats> perBucket) {
        double[] y = new double[steps.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = value(i, perBucket);
        }
        return y;
    }

    double value(int step, ToDoubleFunction<BucketStats> perBucket) {
        double sum = 0;
        for (BucketStats b : steps.get(step)) {
            sum += perBucket.applyAsDouble(b);
        }
        return sum;
    }

    /** Statements to keys in [lo, hi], less the points in {@code excluded} (pinned into other shards). */
    public static double rangeLoad(BucketStats b, long lo, long hi, Set<Long> excluded) {
        double load = b.load(lo, hi);
        for (Long p : excluded) {
            if (p >= lo && p <= hi) {
                load -= b.pointLoad(p);
            }
        }
        return Math.max(0, load);
    }
}
