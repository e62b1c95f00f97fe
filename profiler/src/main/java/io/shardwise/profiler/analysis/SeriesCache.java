package io.shardwise.profiler.analysis;

import io.shardwise.profiler.record.BucketStats;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Remembers the per-step values of each series between analyses: a complete step never changes, so each new
 * analysis only computes the steps added since the last one. Entries not used by an analysis are dropped after it.
 * Not thread-safe (the profiler analyses under its lock).
 */
public final class SeriesCache {
    private record Entry(long firstStep, double[] values) {
    }

    private final Map<Object, Entry> entries = new HashMap<>();
    private Set<Object> used = new HashSet<>();

    /** The series of {@code key} over {@code steps}, computing with {@code perBucket} only what is not cached. */
    public double[] series(Object key, StepSeries steps, ToDoubleFunction<BucketStats> perBucket) {
        long first = steps.firstStepIndex();
        int n = steps.size();
        Entry e = entries.get(key);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            long idx = first + i;
            if (e != null && idx >= e.firstStep && idx - e.firstStep < e.values.length) {
                out[i] = e.values[(int) (idx - e.firstStep)];
            } else {
                out[i] = steps.value(i, perBucket);
            }
        }
        entries.put(key, new Entry(first, out));
        used.add(key);
        return out;
    }

    /** Drops what the last analysis did not use. */
    public void sweep() {
        entries.keySet().retainAll(used);
        used = new HashSet<>();
    }
}
