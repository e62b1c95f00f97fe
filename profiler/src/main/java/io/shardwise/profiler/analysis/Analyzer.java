package io.shardwise.profiler.analysis;

import io.shardwise.profiler.cluster.CoAccessGroups;
import io.shardwise.profiler.cluster.Tier;
import io.shardwise.profiler.cluster.TierClassifier;
import io.shardwise.profiler.forecast.Forecaster;
import io.shardwise.profiler.forecast.SeriesForecast;
import io.shardwise.profiler.plan.GroupLayout;
import io.shardwise.profiler.plan.GroupLoad;
import io.shardwise.profiler.plan.ShardSpec;
import io.shardwise.profiler.record.BucketStats;
import io.shardwise.profiler.record.Segmentation;
import io.shardwise.profiler.sketch.CoAccessPair;
import io.shardwise.profiler.sketch.HeavyKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns bucket histories into forecasts: per group its total, its current segments, its hot keys and (given a
 * layout) its shards, each forecast by the model that backtests best; then tiers, co-access groups, the predicted
 * peak step, and the loads at that peak for the map generator. Its output depends only on its inputs; it keeps
 * a cache of per-step series values between calls, so it is used by one thread at a time.
 */
public final class Analyzer {
    /**
     * @param stepBuckets     buckets per forecast step
     * @param bucketMillis    length of a bucket
     * @param hotKeys         hot keys forecast per group
     * @param hotKeyLookback  recent steps whose heavy keys are candidates
     * @param coAccessMinCount  guaranteed co-access count (over the history) that makes an edge
     * @param maxCoAccessGroup  largest co-access group kept together
     * @param seasonColumns     moments beyond the horizon (spread over the season) that maps are balanced for
     */
    public record Settings(int stepBuckets, long bucketMillis, int hotKeys, int hotKeyLookback, long coAccessMinCount,
                           int maxCoAccessGroup, int seasonColumns) {
    }

    /** One group's input. */
    public record GroupInput(int groupId, String name, List<BucketStats> history, Segmentation segmentation) {
    }

    private final Settings settings;
    private final Forecaster forecaster;
    private final SeriesCache cache = new SeriesCache();

    public Analyzer(Settings settings, Forecaster forecaster) {
        this.settings = settings;
        this.forecaster = forecaster;
    }

    public Analysis analyze(List<GroupInput> groups, Map<Integer, GroupLayout> layout) {
        int horizon = forecaster.settings().horizon();
        long stepMillis = settings.stepBuckets() * settings.bucketMillis();
        List<GroupForecast> forecasts = new ArrayList<>();
        Map<Integer, List<Set<Long>>> coAccess = new HashMap<>();
        Map<Integer, GroupParts> parts = new LinkedHashMap<>();
        long endBucket = -1;
        for (GroupInput g : groups) {
            StepSeries steps = new StepSeries(g.history(), settings.stepBuckets());
            if (steps.size() == 0) {
                continue;
            }
            endBucket = Math.max(endBucket, steps.endBucket());
            GroupParts p = analyzeGroup(g, steps, layout.get(g.groupId()));
            parts.put(g.groupId(), p);
            forecasts.add(p.forecast);
            coAccess.put(g.groupId(), p.forecast.coAccessGroups());
        }
        cache.sweep();
        if (parts.isEmpty()) {
            return new Analysis(ForecastReport.empty(0, stepMillis, horizon), Map.of(), Map.of());
        }
        int[] columns = planColumns(horizon, parts.values());
        Map<Integer, GroupLoad> planLoads = new HashMap<>();
        for (Map.Entry<Integer, GroupParts> e : parts.entrySet()) {
            planLoads.put(e.getKey(), e.getValue().loads(columns));
        }
        // the peak: the planned moment (within the horizon, or the season when longer) with the highest predicted
        // total over all groups; moves are timed against it
        int peakStep = 1;
        double peakLoad = -1;
        for (int k : columns) {
            double total = 0;
            for (GroupParts p : parts.values()) {
                total += p.forecast.total().forecast().longRange(k);
            }
            if (total > peakLoad + 1e-9) {
                peakLoad = total;
                peakStep = k;
            }
        }
        long generatedAt = endBucket * settings.bucketMillis();
        ForecastReport report = new ForecastReport(generatedAt, stepMillis, horizon, peakStep,
                generatedAt + (peakStep - 1) * stepMillis, forecasts);
        return new Analysis(report, planLoads, coAccess);
    }

    /**
     * The future moments maps are balanced for: every step of the horizon and, when a group has a season longer
     * than the horizon, moments spread over the rest of it (loaded from the season's history): a placement made
     * for the whole season does not have to be undone when the load moves on.
     */
    private int[] planColumns(int horizon, Iterable<GroupParts> parts) {
        int period = 0;
        for (GroupParts p : parts) {
            period = Math.max(period, p.period());
        }
        List<Integer> columns = new ArrayList<>();
        for (int k = 1; k <= horizon; k++) {
            columns.add(k);
        }
        if (period > horizon) {
            int stride = Math.max(1, (period - horizon) / settings.seasonColumns());
            for (int k = horizon + stride; k <= period; k += stride) {
                columns.add(k);
            }
        }
        return columns.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A group's forecasts plus the series and pieces needed to build its load at any future step. */
    private record GroupParts(int groupId, GroupForecast forecast, Segmentation segmentation, int period,
                              List<ForecastEntry> segments, List<ForecastEntry> keys, SeriesForecast broadcast) {
        GroupLoad loads(int[] columns) {
            int n = segmentation.size();
            long[] lows = new long[n];
            long[] highs = new long[n];
            double[][] residual = new double[n][columns.length];
            for (int i = 0; i < n; i++) {
                lows[i] = segmentation.low(i);
                highs[i] = segmentation.high(i);
                for (int c = 0; c < columns.length; c++) {
                    residual[i][c] = value(segments.get(i).forecast(), columns[c]);
                }
            }
            Map<Long, double[]> hot = new HashMap<>();
            for (int j = 0; j < keys.size(); j++) {
                ForecastEntry k = keys.get(j);
                double[] v = new double[columns.length];
                int s = segmentation.indexOf(k.lo());
                for (int c = 0; c < columns.length; c++) {
                    v[c] = value(k.forecast(), columns[c]);
                    residual[s][c] = Math.max(0, residual[s][c] - v[c]);
                }
                hot.put(k.lo(), v);
            }
            double[] broadcastLoad = new double[columns.length];
            for (int c = 0; c < columns.length; c++) {
                broadcastLoad[c] = value(broadcast, columns[c]);
            }
            return new GroupLoad(groupId, lows, highs, residual, hot, broadcastLoad);
        }

        /** The forecast within the horizon; beyond it, the season's shape (see SeriesForecast.beyond). */
        private double value(SeriesForecast f, int stepsAhead) {
            return f.longRange(stepsAhead);
        }
    }

    private GroupParts analyzeGroup(GroupInput g, StepSeries steps, GroupLayout layout) {
        Object totalKey = List.of(g.groupId(), "total");
        double[] total = cache.series(totalKey, steps, b -> b.total());
        int period = forecaster.period(total);
        SeriesForecast totalForecast = cache.forecast(totalKey, steps, b -> b.total(), forecaster, period);
        ForecastEntry totalEntry = new ForecastEntry(ForecastEntry.Kind.GROUP_TOTAL, g.groupId(), -1, Long.MIN_VALUE,
                Long.MAX_VALUE, null, null, last(total), totalForecast, Tier.WARM);

        SeriesForecast broadcast = cache.forecast(List.of(g.groupId(), "broadcast"), steps,
                b -> b.broadcastReads() + b.broadcastWrites(), forecaster, period);

        Segmentation seg = g.segmentation();
        List<SeriesForecast> segForecasts = new ArrayList<>();
        List<double[]> segSeries = new ArrayList<>();
        for (int i = 0; i < seg.size(); i++) {
            long lo = seg.low(i);
            long hi = seg.high(i);
            Object key = List.of(g.groupId(), "range", lo, hi);
            segSeries.add(cache.series(key, steps, b -> b.load(lo, hi)));
            segForecasts.add(cache.forecast(key, steps, b -> b.load(lo, hi), forecaster, period));
        }
        List<ForecastEntry> segments = entries(ForecastEntry.Kind.SEGMENT, g.groupId(), seg, segSeries, segForecasts);

        List<ForecastEntry> keys = new ArrayList<>();
        List<HeavyKey> candidates = hotKeyCandidates(steps);
        List<SeriesForecast> keyForecasts = new ArrayList<>();
        List<double[]> keySeries = new ArrayList<>();
        for (HeavyKey k : candidates) {
            Object key = List.of(g.groupId(), "point", k.point());
            keySeries.add(cache.series(key, steps, b -> b.pointLoad(k.point())));
            keyForecasts.add(cache.forecast(key, steps, b -> b.pointLoad(k.point()), forecaster, period));
        }
        Tier[] keyTiers = tiers(keyForecasts);
        for (int i = 0; i < candidates.size(); i++) {
            HeavyKey k = candidates.get(i);
            keys.add(new ForecastEntry(ForecastEntry.Kind.KEY, g.groupId(), -1, k.point(), k.point(), k.value(), null,
                    last(keySeries.get(i)), keyForecasts.get(i), keyTiers[i]));
        }

        List<ForecastEntry> shards = new ArrayList<>();
        if (layout != null) {
            Set<Long> pinned = layout.pinnedPoints();
            List<SeriesForecast> shardForecasts = new ArrayList<>();
            List<double[]> shardSeries = new ArrayList<>();
            for (ShardSpec s : layout.shards()) {
                Object key = s.isPinned() ? List.of(g.groupId(), "pinned", s.pinned())
                        : List.of(g.groupId(), "shard", s.lo(), s.hi(), pinned);
                shardSeries.add(cache.series(key, steps, b -> shardLoad(b, s, pinned)));
                shardForecasts.add(cache.forecast(key, steps, b -> shardLoad(b, s, pinned), forecaster, period));
            }
            Tier[] shardTiers = tiers(shardForecasts);
            for (int i = 0; i < layout.shards().size(); i++) {
                ShardSpec s = layout.shards().get(i);
                long lo = s.isPinned() ? s.pinned().get(0) : s.lo();
                long hi = s.isPinned() ? s.pinned().get(0) : s.hiInclusive();
                shards.add(new ForecastEntry(ForecastEntry.Kind.SHARD, g.groupId(), s.id(), lo, hi, null, s.node(),
                        last(shardSeries.get(i)), shardForecasts.get(i), shardTiers[i]));
            }
        }

        List<Set<Long>> coAccess = CoAccessGroups.find(pairs(steps), settings.coAccessMinCount(), settings.maxCoAccessGroup());
        GroupForecast forecast = new GroupForecast(g.groupId(), g.name(), period, totalEntry, shards, segments, keys, coAccess);
        return new GroupParts(g.groupId(), forecast, seg, period, segments, keys, broadcast);
    }

    private List<ForecastEntry> entries(ForecastEntry.Kind kind, int groupId, Segmentation seg, List<double[]> series,
                                        List<SeriesForecast> forecasts) {
        Tier[] tiers = tiers(forecasts);
        List<ForecastEntry> out = new ArrayList<>();
        for (int i = 0; i < seg.size(); i++) {
            out.add(new ForecastEntry(kind, groupId, -1, seg.low(i), seg.high(i), null, null, last(series.get(i)),
                    forecasts.get(i), tiers[i]));
        }
        return out;
    }

    private static Tier[] tiers(List<SeriesForecast> forecasts) {
        double[] loads = new double[forecasts.size()];
        for (int i = 0; i < loads.length; i++) {
            loads[i] = forecasts.get(i).peak();
        }
        return TierClassifier.classify(loads);
    }

    private static double shardLoad(BucketStats b, ShardSpec s, Set<Long> pinnedInGroup) {
        double broadcast = b.broadcastReads() + b.broadcastWrites();
        if (s.isPinned()) {
            double sum = broadcast;
            for (Long p : s.pinned()) {
                sum += b.pointLoad(p);
            }
            return sum;
        }
        return StepSeries.rangeLoad(b, s.lo(), s.hiInclusive(), pinnedInGroup) + broadcast;
    }

    /** The heaviest keys of the last few steps (by their summed counts there). */
    private List<HeavyKey> hotKeyCandidates(StepSeries steps) {
        Map<Long, long[]> counts = new HashMap<>();
        Map<Long, Object> values = new HashMap<>();
        int from = Math.max(0, steps.size() - settings.hotKeyLookback());
        for (int i = from; i < steps.size(); i++) {
            for (BucketStats b : steps.step(i)) {
                for (HeavyKey k : b.heavyKeys()) {
                    counts.computeIfAbsent(k.point(), p -> new long[1])[0] += k.count();
                    if (k.value() != null) {
                        values.put(k.point(), k.value());
                    }
                }
            }
        }
        List<HeavyKey> out = new ArrayList<>();
        counts.forEach((p, c) -> out.add(new HeavyKey(p, values.get(p), c[0], 0, 0, 0)));
        out.sort(HeavyKey.HEAVIEST_FIRST);
        return out.subList(0, Math.min(settings.hotKeys(), out.size()));
    }

    /** Co-access pairs summed over the whole history (counts and error bounds add up). */
    private static List<CoAccessPair> pairs(StepSeries steps) {
        Map<List<Long>, long[]> sums = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            for (BucketStats b : steps.step(i)) {
                for (CoAccessPair p : b.pairs()) {
                    long[] acc = sums.computeIfAbsent(List.of(p.a(), p.b()), k -> new long[2]);
                    acc[0] += p.count();
                    acc[1] += p.error();
                }
            }
        }
        List<CoAccessPair> out = new ArrayList<>();
        sums.forEach((k, v) -> out.add(new CoAccessPair(k.get(0), k.get(1), v[0], v[1])));
        return out;
    }

    private static double last(double[] y) {
        return y.length == 0 ? 0 : y[y.length - 1];
    }

}
