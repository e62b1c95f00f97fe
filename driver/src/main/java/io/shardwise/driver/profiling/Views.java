package io.shardwise.driver.profiling;

/** Small helpers of the profiler's result sets. */
final class Views {
    private Views() {
    }

    /** SQL NULL for "not known yet" (a backtest that needs more history), instead of a NaN no client expects. */
    static Double orNull(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
