package io.shardwise.profiler.forecast;

/**
 * A model's rolling-origin backtest error on one series.
 *
 * @param mase  mean absolute error divided by the in-sample mean absolute error of one-step "next = last"
 *              (scale-free; below 1 beats the one-step naive forecast on average)
 * @param smape symmetric mean absolute percentage error, 0..200 (0/0 counts as 0)
 * @param mae   mean absolute error in the series' own unit
 */
public record BacktestError(double mase, double smape, double mae) {
    public static final BacktestError NONE = new BacktestError(Double.NaN, Double.NaN, Double.NaN);

    public boolean known() {
        return !Double.isNaN(mae);
    }
}
