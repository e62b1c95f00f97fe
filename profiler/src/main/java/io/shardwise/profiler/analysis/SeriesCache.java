package io.shardwise.profiler.analysis;

import io.shardwise.profiler.forecast.Forecaster;
import io.shardwise.profiler.forecast.SeriesForecast;
import io.shardwise.profiler.record.BucketStats;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Remembers each series between analyses: a complete step never changes, so a new analysis only computes the steps
 * added since the last one; and a series whose steps did not change at all (the same series asked for again, say for
 * a second layout in the same bucket) gets its forecast back without refitting. Entries unused by the last two
 * analyses are dropped, so alternating between two layouts keeps both warm. Not thread-safe (the profiler analyses
 * under its lock).
 */
public final class SeriesCache {
    private static final class Entry {
        final long firstStep;
        final double[] values;
        long lastUsed;
        SeriesForecast forecast;
        int forecastPeriod = Integer.MIN_VALUE;

        Entry(long firstStep, double[] values) {
            this.firstStep = firstStep;
            this.values = values;
        }
    }

    private final Map<Object, Entry> entries = new HashMap<>();
    private long generation;

    /** The series of {@code key} over {@code steps}, computing with {@code perBucket} only what is not cached. */
    public double[] series(Object key, StepSeries steps, ToDoubleFunction<BucketStats> perBucket) {
        return entry(key, steps, perBucket).values;
    }

    /** The series of {@code key} and its forecast, refitted only when the series changed. */
    public SeriesForecast forecast(Object key, StepSeries steps, ToDoubleFunction<BucketStats> perBucket,
                                   Forecaster forecaster, int period) {
        Entry e = entry(key, steps, perBucket);
        if (e.forecast == null || e.forecastPeriod != period) {
            e.forecast = forecaster.forecast(e.values, period);
            e.forecastPeriod = period;
        }
        return e.forecast;
    }

    private Entry entry(Object key, StepSeries steps, ToDoubleFunction<BucketStats> perBucket) {
        long first = steps.firstStepIndex();
        int n = steps.size();
        Entry e = entries.get(key);
        if (e == null || e.firstStep != first || e.values.length != n) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                long idx = first + i;
                if (e != null && idx >= e.firstStep && idx - e.firstStep < e.values.length) {
                    out[i] = e.values[(int) (idx - e.firstStep)];
                } else {
                    out[i] = steps.value(i, perBucket);
                }
            }
            e = new Entry(first, out);
            entries.put(key, e);
        }
        e.lastUsed = generation;
        return e;
    }

    /** Ends an analysis: drops what neither it nor the one before used. */
    public void sweep() {
        entries.values().removeIf(e -> e.lastUsed < generation - 1);
        generation++;
    }
}
