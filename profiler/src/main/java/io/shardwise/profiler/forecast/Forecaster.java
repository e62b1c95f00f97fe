package io.shardwise.profiler.forecast;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Forecasts one series: every applicable model is fitted on the data before the backtest window, forecasts
 * {@code horizon} steps from each of the last {@code backtestOrigins} origins (rolling origin), and is scored
 * by MASE over all those forecasts. The model with the lowest MASE (the simpler one on ties) forecasts the next
 * horizon from the end of the series, with the parameters it was backtested with (fitted on data before the
 * backtest window). Stateless and thread-safe.
 */
public final class Forecaster {
    /**
     * @param horizon          steps forecast ahead (and the lead time the backtest scores)
     * @param period           season length in steps; 0 = detect from autocorrelation; -1 = no season
     * @param maxPeriod        longest season detection looks for
     * @param backtestOrigins  origins of the rolling backtest
     */
    public record Settings(int horizon, int period, int maxPeriod, int backtestOrigins) {
        public Settings {
            if (horizon < 1 || backtestOrigins < 1 || period < -1 || maxPeriod < 2) {
                throw new IllegalArgumentException("invalid forecaster settings: horizon=" + horizon + " period=" + period
                        + " maxPeriod=" + maxPeriod + " backtestOrigins=" + backtestOrigins);
            }
        }
    }

    private static final double SEASON_THRESHOLD = 0.3;

    private final Settings settings;

    public Forecaster(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** The configured period, or the one detected in {@code y} (0 when none). */
    public int period(double[] y) {
        if (settings.period() > 0) {
            return settings.period();
        }
        if (settings.period() < 0) {
            return 0;
        }
        return SeasonDetector.detect(y, 2, settings.maxPeriod(), SEASON_THRESHOLD);
    }

    public SeriesForecast forecast(double[] y) {
        return forecast(y, period(y));
    }

    public SeriesForecast forecast(double[] y, int period) {
        int n = y.length;
        int h = settings.horizon();
        if (n == 0) {
            return new SeriesForecast(ModelKind.NAIVE, "", new double[h], 0, period, BacktestError.NONE, Map.of(),
                    new double[0]);
        }
        Map<ModelKind, BacktestError> errors = new EnumMap<>(ModelKind.class);
        Map<ModelKind, FittedModel> fitted = new EnumMap<>(ModelKind.class);
        int lastOrigin = n - 1 - h;
        for (ModelKind kind : ModelKind.values()) {
            int minTrain = minTrain(kind, period);
            if (!Models.applicable(kind, n, period) || lastOrigin < minTrain - 1) {
                continue;
            }
            int firstOrigin = Math.max(minTrain - 1, lastOrigin - settings.backtestOrigins() + 1);
            FittedModel model = Models.fit(kind, y, period, firstOrigin + 1);
            errors.put(kind, score(y, model, firstOrigin, lastOrigin, h));
            fitted.put(kind, model);
        }
        ModelKind chosen = ModelKind.NAIVE;
        double best = Double.MAX_VALUE;
        for (Map.Entry<ModelKind, BacktestError> e : errors.entrySet()) {
            if (e.getValue().mase() < best - 1e-12) {
                best = e.getValue().mase();
                chosen = e.getKey();
            }
        }
        if (errors.isEmpty() && Models.applicable(ModelKind.EXPONENTIAL_SMOOTHING, n, period) && n >= 3) {
            chosen = ModelKind.EXPONENTIAL_SMOOTHING; // too short to backtest: smooth rather than copy the last point
        }
        // the backtested fit has already run over the whole series: its state at the end is the forecast's start
        FittedModel finalModel = fitted.containsKey(chosen) ? fitted.get(chosen) : Models.fit(chosen, y, period, n);
        double[] forecast = new double[h];
        for (int k = 1; k <= h; k++) {
            forecast[k - 1] = Math.max(0, finalModel.forecast(n - 1, k));
        }
        return new SeriesForecast(chosen, finalModel.parameters(), forecast, y[n - 1], period,
                errors.getOrDefault(chosen, BacktestError.NONE), Collections.unmodifiableMap(errors),
                beyond(y, period, h, fitted));
    }

    /**
     * The steps after the horizon, up to one season ahead: Holt-Winters' forecast when it could be fitted (smooth),
     * else the mean of the last two seasons at the same phase; empty when there is no season longer than the horizon.
     */
    private static double[] beyond(double[] y, int period, int h, Map<ModelKind, FittedModel> fitted) {
        int n = y.length;
        if (period <= h || n < period) {
            return new double[0];
        }
        double[] out = new double[period - h];
        FittedModel hw = fitted.get(ModelKind.HOLT_WINTERS);
        for (int i = 0; i < out.length; i++) {
            int k = h + i + 1;
            double v;
            if (hw != null) {
                v = hw.forecast(n - 1, k);
            } else {
                int phase = n - period + (k - 1) % period;
                v = phase - period >= 0 ? (y[phase] + y[phase - period]) / 2 : y[phase];
            }
            out[i] = Math.max(0, v);
        }
        return out;
    }

    private static int minTrain(ModelKind kind, int period) {
        return switch (kind) {
            case NAIVE -> 2;
            case EXPONENTIAL_SMOOTHING, HOLT -> 4;
            case SEASONAL_NAIVE -> Math.max(2, period + 1);
            case HOLT_WINTERS -> 2 * period + 2;
        };
    }

    /** Errors of every forecast 1..h steps ahead from each origin in [firstOrigin, lastOrigin]. */
    static BacktestError score(double[] y, FittedModel model, int firstOrigin, int lastOrigin, int h) {
        double absSum = 0;
        double smapeSum = 0;
        int count = 0;
        for (int origin = firstOrigin; origin <= lastOrigin; origin++) {
            for (int k = 1; k <= h; k++) {
                double actual = y[origin + k];
                double predicted = Math.max(0, model.forecast(origin, k));
                double err = Math.abs(actual - predicted);
                absSum += err;
                double denom = Math.abs(actual) + Math.abs(predicted);
                smapeSum += denom == 0 ? 0 : 200 * err / denom;
                count++;
            }
        }
        double mae = absSum / count;
        return new BacktestError(mae / naiveScale(y, firstOrigin), smapeSum / count, mae);
    }

    /** In-sample mean absolute one-step change of y[0..end]: the MASE denominator. */
    static double naiveScale(double[] y, int end) {
        double sum = 0;
        double level = 0;
        for (int t = 1; t <= end; t++) {
            sum += Math.abs(y[t] - y[t - 1]);
            level += Math.abs(y[t]);
        }
        if (sum > 0) {
            return sum / end;
        }
        return level > 0 ? level / end : 1;
    }
}
