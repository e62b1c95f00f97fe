package io.shardwise.profiler.plan;

/**
 * @param targetImbalance     predicted max/mean node load a map aims to stay under (default 1.2)
 * @param moveRowsPerSecond   rate at which a move copies rows: times the moves against the predicted peak
 * @param maxIterations       bound on the greedy balancing loop
 * @param unpinFraction       a pinned key whose load falls under this fraction of the mean node load is merged
 *                            back into its range (when both are on one node)
 * @param newShardCostRows    what creating one shard (a split or a pin) is worth in rows copied, when pricing
 *                            ways to shed load
 */
public record PlannerSettings(double targetImbalance, double moveRowsPerSecond, int maxIterations, double unpinFraction,
                              double newShardCostRows) {
    public PlannerSettings {
        if (targetImbalance < 1.0) {
            throw new IllegalArgumentException("target imbalance must be >= 1.0, got " + targetImbalance);
        }
        if (moveRowsPerSecond <= 0 || maxIterations < 1 || unpinFraction < 0 || newShardCostRows < 0) {
            throw new IllegalArgumentException("invalid planner settings");
        }
    }

    public static PlannerSettings defaults() {
        return new PlannerSettings(1.2, 10_000, 1_000, 0.02, 100);
    }

    public PlannerSettings withTargetImbalance(double target) {
        return new PlannerSettings(target, moveRowsPerSecond, maxIterations, unpinFraction, newShardCostRows);
    }
}
