package io.shardwise.profiler;

import io.shardwise.profiler.plan.PlannerSettings;
import io.shardwise.profiler.record.RecorderSettings;

import java.time.Duration;

/**
 * Everything the profiler can be tuned with. Defaults: 10 s buckets, a 3-day history (Holt-Winters needs two
 * seasons to start and a backtest after them), 5-minute forecast steps
 * (30 buckets), a 1-hour horizon (12 steps), season detected (up to 1 day), 48 backtest origins, target
 * imbalance 1.2.
 *
 * @param bucket            length of a statistics bucket
 * @param history           how long buckets are kept (bounded memory: history / bucket buckets per group)
 * @param stepBuckets       buckets per forecast step (forecasting every 10 s point of two days would be slow and
 *                          noisy; steps aggregate them)
 * @param horizonSteps      steps forecast ahead; maps are balanced for the peak within them
 * @param seasonSteps       season length in steps; 0 = detect from autocorrelation; -1 = none
 * @param maxSeasonSteps    longest season detection looks for
 * @param backtestOrigins   rolling-origin backtest origins per series
 * @param hotKeys           hot keys forecast per group
 * @param coAccessMinCount  co-access count (over the history) from which two keys are kept together
 * @param maxCoAccessGroup  largest group of keys kept together
 */
public record ProfilerConfig(Duration bucket, Duration history, int stepBuckets, int horizonSteps, int seasonSteps,
                             int maxSeasonSteps, int backtestOrigins, int hotKeys, long coAccessMinCount,
                             int maxCoAccessGroup, RecorderSettings recorder, PlannerSettings planner) {
    public ProfilerConfig {
        if (bucket.toMillis() < 1 || history.compareTo(bucket) < 0) {
            throw new IllegalArgumentException("need a bucket of at least 1 ms and a history of at least one bucket");
        }
        if (stepBuckets < 1 || horizonSteps < 1 || seasonSteps < -1 || maxSeasonSteps < 2 || backtestOrigins < 1
                || hotKeys < 0 || coAccessMinCount < 1 || maxCoAccessGroup < 2) {
            throw new IllegalArgumentException("invalid profiler configuration: " + this);
        }
    }

    public static ProfilerConfig defaults() {
        return new ProfilerConfig(Duration.ofSeconds(10), Duration.ofDays(3), 30, 12, 0, 288, 48, 16, 5, 16,
                RecorderSettings.defaults(), PlannerSettings.defaults());
    }

    public int historyBuckets() {
        return (int) Math.min(Integer.MAX_VALUE, history.toMillis() / bucket.toMillis());
    }

    public ProfilerConfig withBucket(Duration b) {
        return new ProfilerConfig(b, history, stepBuckets, horizonSteps, seasonSteps, maxSeasonSteps, backtestOrigins,
                hotKeys, coAccessMinCount, maxCoAccessGroup, recorder, planner);
    }

    public ProfilerConfig withHistory(Duration h) {
        return new ProfilerConfig(bucket, h, stepBuckets, horizonSteps, seasonSteps, maxSeasonSteps, backtestOrigins,
                hotKeys, coAccessMinCount, maxCoAccessGroup, recorder, planner);
    }

    public ProfilerConfig withSteps(int bucketsPerStep, int horizon) {
        return new ProfilerConfig(bucket, history, bucketsPerStep, horizon, seasonSteps, maxSeasonSteps, backtestOrigins,
                hotKeys, coAccessMinCount, maxCoAccessGroup, recorder, planner);
    }

    public ProfilerConfig withSeason(int steps, int maxSteps) {
        return new ProfilerConfig(bucket, history, stepBuckets, horizonSteps, steps, maxSteps, backtestOrigins,
                hotKeys, coAccessMinCount, maxCoAccessGroup, recorder, planner);
    }

    public ProfilerConfig withBacktestOrigins(int origins) {
        return new ProfilerConfig(bucket, history, stepBuckets, horizonSteps, seasonSteps, maxSeasonSteps, origins,
                hotKeys, coAccessMinCount, maxCoAccessGroup, recorder, planner);
    }

    public ProfilerConfig withCoAccess(long minCount, int maxGroup) {
        return new ProfilerConfig(bucket, history, stepBuckets, horizonSteps, seasonSteps, maxSeasonSteps,
                backtestOrigins, hotKeys, minCount, maxGroup, recorder, planner);
    }

    public ProfilerConfig withRecorder(RecorderSettings r) {
        return new ProfilerConfig(bucket, history, stepBuckets, horizonSteps, seasonSteps, maxSeasonSteps,
                backtestOrigins, hotKeys, coAccessMinCount, maxCoAccessGroup, r, planner);
    }

    public ProfilerConfig withPlanner(PlannerSettings p) {
        return new ProfilerConfig(bucket, history, stepBuckets, horizonSteps, seasonSteps, maxSeasonSteps,
                backtestOrigins, hotKeys, coAccessMinCount, maxCoAccessGroup, recorder, p);
    }
}
