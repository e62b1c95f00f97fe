package io.shardwise.bench.profiler;

import io.shardwise.profiler.ManualTimeSource;
import io.shardwise.profiler.Profiler;
import io.shardwise.profiler.ProfilerConfig;
import io.shardwise.profiler.analysis.ForecastEntry;
import io.shardwise.profiler.analysis.ForecastReport;
import io.shardwise.profiler.analysis.GroupForecast;
import io.shardwise.profiler.forecast.ModelKind;
import io.shardwise.profiler.plan.PlanStep;
import io.shardwise.profiler.plan.PlannerSettings;
import io.shardwise.profiler.plan.ShardKeyMap;
import io.shardwise.profiler.plan.ShardLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The profiler's evaluation: synthetic workloads with a known ground truth, simulated in virtual time through the
 * real recorder, forecaster and map generator. Seeded and reproducible.
 *
 * <p>Per workload, every 10-minute bucket: the statements are recorded and routed under two layouts, static hash
 * sharding and the adaptive layout (the profiler's last proposal, applied at once); the bucket is rolled; the
 * profiler forecasts the static layout's shards (scored later against what actually happened, at 10 minutes and
 * at 1 hour ahead, against "next = last" and seasonal naive) and proposes a map for the adaptive layout.
 *
 * <p>Usage: {@code ProfilerEvaluation [seed] [output.md]}
 */
public final class ProfilerEvaluation {
    private static final int HORIZON = 6;
    private static final double MOVE_ROWS_PER_SECOND = 20_000;

    private ProfilerEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
        long started = System.nanoTime();
        List<Result> results = new ArrayList<>();
        for (Workload w : List.of(new ZipfMovingWorkload(seed), new RegionalDailyWorkload(), new FlashCrowdWorkload())) {
            long t0 = System.nanoTime();
            Result r = run(w, seed);
            System.out.printf(Locale.ROOT, "%s: %.1f s%n", w.name(), (System.nanoTime() - t0) / 1e9);
            results.add(r);
        }
        String table = table(results, seed, (System.nanoTime() - started) / 1e9);
        System.out.println(table);
        if (args.length > 1) {
            Files.writeString(Path.of(args[1]), table);
        }
    }

    static ProfilerConfig config() {
        return ProfilerConfig.defaults()
                .withBucket(Duration.ofMinutes(10))
                .withHistory(Duration.ofDays(3))
                .withSteps(1, HORIZON)
                .withSeason(0, 200)
                .withBacktestOrigins(Workload.BUCKETS_PER_DAY)
                .withPlanner(new PlannerSettings(1.2, MOVE_ROWS_PER_SECOND, 1_000, 0.02, 100));
    }

    /** Accumulates absolute errors of forecasts made `lead` buckets before their target. */
    static final class ErrorSum {
        double chosen;
        double naive;
        double seasonal;
        double smapeChosen;
        double smapeNaive;
        double smapeSeasonal;
        long count;

        void add(double actual, double chosenF, double naiveF, double seasonalF) {
            chosen += Math.abs(actual - chosenF);
            naive += Math.abs(actual - naiveF);
            seasonal += Math.abs(actual - seasonalF);
            smapeChosen += smape(actual, chosenF);
            smapeNaive += smape(actual, naiveF);
            smapeSeasonal += smape(actual, seasonalF);
            count++;
        }

        static double smape(double a, double f) {
            double d = Math.abs(a) + Math.abs(f);
            return d == 0 ? 0 : 200 * Math.abs(a - f) / d;
        }
    }

    record Result(Workload workload, ErrorSum lead1, ErrorSum leadH, Map<ModelKind, Integer> models, int period,
                  double[] staticImbalance, double[] adaptiveImbalance, int firstEvaluated, List<Integer> peakBuckets,
                  boolean[] busy, long rowsMoved, long totalRows, int mapsApplied, int stepsLate, int steps) {
    }

    static Result run(Workload w, long seed) {
        Random random = new Random(seed ^ w.name().hashCode());
        ManualTimeSource clock = new ManualTimeSource(0);
        Profiler profiler = new Profiler(config(), clock);
        int group = w.staticLayout().groups().get(0).groupId();
        profiler.registerGroup(group, w.name(), w.space());
        ShardLayout fixed = w.staticLayout();
        ShardLayout adaptive = fixed;
        LayoutIndex fixedIndex = new LayoutIndex(fixed, group);
        LayoutIndex[] adaptiveIndex = {new LayoutIndex(adaptive, group)};
        int shards = fixed.group(group).shards().size();
        int buckets = w.days() * Workload.BUCKETS_PER_DAY;
        int nodes = fixed.nodes().size();
        double[][] shardActual = new double[buckets][shards];
        double[][][] predicted = new double[buckets + HORIZON + 1][][]; // [target][lead-1 or H][shard]: chosen
        double[][][] seasonalPredicted = new double[buckets + HORIZON + 1][][];
        double[][][] naivePredicted = new double[buckets + HORIZON + 1][][];
        ErrorSum lead1 = new ErrorSum();
        ErrorSum leadH = new ErrorSum();
        double[] staticImbalance = new double[buckets];
        double[] adaptiveImbalance = new double[buckets];
        double[] totals = new double[buckets];
        long rowsMoved = 0;
        int mapsApplied = 0;
        int stepsLate = 0;
        int stepCount = 0;
        int firstEvaluated = Workload.BUCKETS_PER_DAY; // day 1 is warm-up: no season can be known yet
        Map<ModelKind, Integer> models = new EnumMap<>(ModelKind.class);
        int period = 0;
        long totalRows = fixed.group(group).shards().stream().mapToLong(s -> s.estimatedRows()).sum();
        // the shard of each static range, for the per-shard actuals
        long[] lows = fixed.group(group).shards().stream().mapToLong(s -> s.lo()).toArray();

        for (int b = 0; b < buckets; b++) {
            double[] fixedLoad = new double[nodes];
            double[] adaptiveLoad = new double[nodes];
            double[] actual = shardActual[b];
            int bucket = b;
            w.generate(b, random, (point, value, write) -> {
                profiler.record(group, point, value, write, 100_000);
                fixedLoad[fixedIndex.nodeOf(point)]++;
                adaptiveLoad[adaptiveIndex[0].nodeOf(point)]++;
                actual[shardOf(lows, point)]++;
            });
            clock.advance(Duration.ofMinutes(10));
            profiler.rollIfDue();
            staticImbalance[b] = imbalance(fixedLoad);
            adaptiveImbalance[b] = imbalance(adaptiveLoad);
            totals[b] = Arrays.stream(fixedLoad).sum();

            // score the forecasts that targeted this bucket
            if (predicted[b] != null) {
                for (int s = 0; s < shards; s++) {
                    if (predicted[b][0] != null) {
                        lead1.add(actual[s], predicted[b][0][s], naivePredicted[b][0][s], seasonalPredicted[b][0][s]);
                    }
                    if (predicted[b][1] != null) {
                        leadH.add(actual[s], predicted[b][1][s], naivePredicted[b][1][s], seasonalPredicted[b][1][s]);
                    }
                }
            }
            if (b + 1 < firstEvaluated - HORIZON) {
                continue;
            }
            // forecast the static layout's shards; remember what each method says about b+1 and b+HORIZON
            ForecastReport report = profiler.forecast(fixed);
            GroupForecast g = report.group(group);
            period = g.period();
            for (int[] leadSlot : new int[][] {{1, 0}, {HORIZON, 1}}) {
                int lead = leadSlot[0];
                int target = b + lead;
                if (target >= buckets || target < firstEvaluated) {
                    continue;
                }
                predicted[target] = predicted[target] == null ? new double[2][] : predicted[target];
                naivePredicted[target] = naivePredicted[target] == null ? new double[2][] : naivePredicted[target];
                seasonalPredicted[target] = seasonalPredicted[target] == null ? new double[2][] : seasonalPredicted[target];
                double[] c = new double[shards];
                double[] n = new double[shards];
                double[] sn = new double[shards];
                for (int s = 0; s < shards; s++) {
                    ForecastEntry e = g.shards().get(s);
                    c[s] = e.predicted(lead);
                    n[s] = shardActual[b][s];
                    int m = period > 0 ? period : Workload.BUCKETS_PER_DAY;
                    int back = target - m * ((lead - 1) / m + 1);
                    sn[s] = back >= 0 ? shardActual[back][s] : shardActual[b][s];
                    if (lead == HORIZON) {
                        models.merge(e.forecast().model(), 1, Integer::sum);
                    }
                }
                predicted[target][leadSlot[1]] = c;
                naivePredicted[target][leadSlot[1]] = n;
                seasonalPredicted[target][leadSlot[1]] = sn;
            }
            // propose for the adaptive layout and apply at once (moves are timed against the peak and counted)
            ShardKeyMap map = profiler.propose(adaptive);
            if (!map.isNoOp()) {
                rowsMoved += map.rowsMoved();
                for (PlanStep step : map.steps()) {
                    stepCount++;
                    if (!step.beforePeak()) {
                        stepsLate++;
                    }
                }
                adaptive = map.target();
                adaptiveIndex[0] = new LayoutIndex(adaptive, group);
                mapsApplied++;
            }
        }
        List<Integer> peaks = new ArrayList<>();
        boolean[] busy = new boolean[buckets]; // at least half the day's peak load
        for (int d = firstEvaluated / Workload.BUCKETS_PER_DAY; d < w.days(); d++) {
            int best = d * Workload.BUCKETS_PER_DAY;
            for (int b = best; b < (d + 1) * Workload.BUCKETS_PER_DAY; b++) {
                if (totals[b] > totals[best]) {
                    best = b;
                }
            }
            peaks.add(best);
            for (int b = d * Workload.BUCKETS_PER_DAY; b < (d + 1) * Workload.BUCKETS_PER_DAY; b++) {
                busy[b] = totals[b] >= 0.5 * totals[best];
            }
        }
        return new Result(w, lead1, leadH, models, period, staticImbalance, adaptiveImbalance, firstEvaluated, peaks,
                busy, rowsMoved, totalRows, mapsApplied, stepsLate, stepCount);
    }

    private static int shardOf(long[] lows, long point) {
        int lo = 0;
        int hi = lows.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lows[mid] <= point) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    static double imbalance(double[] loads) {
        double max = 0;
        double sum = 0;
        for (double v : loads) {
            max = Math.max(max, v);
            sum += v;
        }
        return sum == 0 ? 1 : max / (sum / loads.length);
    }

    private static String table(List<Result> results, long seed, double seconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Seed %d, %.0f s in all. Virtual time, 10-minute buckets, 4 nodes; day 1 is warm-up.%n%n", seed, seconds));
        out.append("Forecast error per shard of the static layout (MAE in statements per 10 min, sMAPE in %), forecasts made 10 min and 1 h ahead:\n\n");
        out.append("| workload | lead | chosen models MAE | next=last MAE | seasonal naive MAE | chosen / next=last | chosen sMAPE | next=last sMAPE | seasonal naive sMAPE |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            for (Object[] row : new Object[][] {{"10 min", r.lead1}, {"1 h", r.leadH}}) {
                ErrorSum e = (ErrorSum) row[1];
                out.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | **%.2f** | %.1f | %.1f | %.1f |%n",
                        r.workload.name(), row[0], e.chosen / e.count, e.naive / e.count, e.seasonal / e.count,
                        e.chosen / e.naive, e.smapeChosen / e.count, e.smapeNaive / e.count, e.smapeSeasonal / e.count));
            }
        }
        out.append("\nModels chosen (1 h forecasts, all shards and buckets) and detected season (buckets):\n\n");
        out.append("| workload | season | models chosen |\n|---|---|---|\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", r.workload.name(), r.period == 0 ? "none" : r.period, r.models));
        }
        out.append("\nNode imbalance (max / mean statements per node in a bucket), static hash sharding vs the profiler's maps applied"
                + " (busy: buckets with at least half their day's peak load):\n\n");
        out.append("| workload | static: mean | static: p95 | static: p95 when busy | static at daily peak | adaptive: mean | adaptive: p95 | adaptive: p95 when busy | adaptive at daily peak | maps applied | steps (late for peak) | rows moved (% of rows) |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            double[] s = Arrays.copyOfRange(r.staticImbalance, r.firstEvaluated, r.staticImbalance.length);
            double[] a = Arrays.copyOfRange(r.adaptiveImbalance, r.firstEvaluated, r.adaptiveImbalance.length);
            StringBuilder sp = new StringBuilder();
            StringBuilder ap = new StringBuilder();
            for (int p : r.peakBuckets) {
                sp.append(sp.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", r.staticImbalance[p]));
                ap.append(ap.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", r.adaptiveImbalance[p]));
            }
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %s | %.2f | %.2f | %.2f | %s | %d | %d (%d) | %,d (%.1f%%) |%n",
                    r.workload.name(), mean(s), p95(s), p95(busy(r.staticImbalance, r.busy)), sp, mean(a), p95(a),
                    p95(busy(r.adaptiveImbalance, r.busy)), ap, r.mapsApplied, r.steps, r.stepsLate,
                    r.rowsMoved, 100.0 * r.rowsMoved / r.totalRows));
        }
        out.append("\nWorkloads:\n\n");
        for (Result r : results) {
            out.append("- ").append(r.workload.name()).append(": ").append(r.workload.description()).append('\n');
        }
        return out.toString();
    }

    /** The values of the buckets with at least half their day's peak load. */
    private static double[] busy(double[] v, boolean[] busy) {
        return java.util.stream.IntStream.range(0, v.length).filter(i -> busy[i]).mapToDouble(i -> v[i]).toArray();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(0);
    }

    private static double p95(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s[(int) Math.min(s.length - 1, Math.floor(0.95 * s.length))];
    }
}
