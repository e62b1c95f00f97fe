package io.shardwise.profiler.forecast;

import java.util.Map;

/**
 * The forecast of one series for the next {@code horizon} steps, the model chosen for it and why.
 *
 * @param model      the model with the lowest backtest MASE
 * @param parameters the chosen model's fitted parameters, for display
 * @param forecast   forecast[i] is the predicted value i + 1 steps after the last observation
 * @param last       the last observed value
 * @param period     the season length used (0: none)
 * @param error      the chosen model's backtest error
 * @param errors     every evaluated model's backtest error (NAIVE is "next = last")
 * @param beyond     when there is a season longer than the horizon, the season's shape for the steps after the
 *                   horizon up to one season ahead (beyond[i] is horizon + i + 1 steps ahead), else empty: what a
 *                   placement meant to last the whole season is balanced for
 */
public record SeriesForecast(ModelKind model, String parameters, double[] forecast, double last, int period,
                             BacktestError error, Map<ModelKind, BacktestError> errors, double[] beyond) {
    /** The error of "next = last" on the same backtest. */
    public BacktestError naiveError() {
        return errors.getOrDefault(ModelKind.NAIVE, BacktestError.NONE);
    }

    /** The error of seasonal naive on the same backtest (NONE when no season). */
    public BacktestError seasonalNaiveError() {
        return errors.getOrDefault(ModelKind.SEASONAL_NAIVE, BacktestError.NONE);
    }

    /** The highest forecast value over the horizon. */
    public double peak() {
        double max = 0;
        for (double v : forecast) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** Forecast {@code steps} (1-based) ahead, clamped into the horizon. */
    public double at(int steps) {
        if (forecast.length == 0) {
            return last;
        }
        return forecast[Math.max(0, Math.min(forecast.length - 1, steps - 1))];
    }

    /** Like {@link #at}, but past the horizon follows the season's shape when known (else stays at the horizon's end). */
    public double longRange(int steps) {
        int i = steps - forecast.length - 1;
        if (i >= 0 && i < beyond.length) {
            return beyond[i];
        }
        return at(steps);
    }
}
