package io.shardwise.profiler.forecast;

/**
 * The models, each fitted by grid search of its smoothing parameters on one-step-ahead squared error over
 * {@code y[0..fitEnd)} (never looking at data after {@code fitEnd}), then run over the whole series so it can
 * forecast from any origin (which is what a rolling-origin backtest needs: one pass, not one fit per origin).
 */
final class Models {
    private static final double[] ALPHAS = {0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0};
    private static final double[] BETAS = {0.0, 0.01, 0.05, 0.1, 0.2, 0.4};
    // kept small: Holt-Winters is fitted for every segment, hot key and shard at every step
    private static final double[] HW_ALPHAS = {0.05, 0.2, 0.5, 0.8};
    private static final double[] HW_BETAS = {0.0, 0.05};
    private static final double[] HW_GAMMAS = {0.05, 0.2, 0.5};

    private Models() {
    }

    static boolean applicable(ModelKind kind, int n, int period) {
        return switch (kind) {
            case NAIVE, EXPONENTIAL_SMOOTHING -> n >= 1;
            case HOLT -> n >= 3;
            case SEASONAL_NAIVE -> period >= 2 && n >= period;
            case HOLT_WINTERS -> period >= 2 && n >= 2 * period + 2;
        };
    }

    static FittedModel fit(ModelKind kind, double[] y, int period, int fitEnd) {
        return switch (kind) {
            case NAIVE -> new Naive(y);
            case SEASONAL_NAIVE -> new SeasonalNaive(y, period);
            case EXPONENTIAL_SMOOTHING -> fitSes(y, fitEnd);
            case HOLT -> fitHolt(y, fitEnd);
            case HOLT_WINTERS -> fitHoltWinters(y, period, fitEnd);
        };
    }

    record Naive(double[] y) implements FittedModel {
        public ModelKind kind() {
            return ModelKind.NAIVE;
        }

        public double forecast(int origin, int steps) {
            return y[origin];
        }

        public String parameters() {
            return "";
        }
    }

    record SeasonalNaive(double[] y, int period) implements FittedModel {
        public ModelKind kind() {
            return ModelKind.SEASONAL_NAIVE;
        }

        public double forecast(int origin, int steps) {
            int back = period * ((steps - 1) / period + 1);
            int i = origin + steps - back;
            return i >= 0 ? y[i] : y[origin];
        }

        public String parameters() {
            return "m=" + period;
        }
    }

    /** Holt's linear method; with beta = 0 and no initial trend it is simple exponential smoothing. */
    static final class Holt implements FittedModel {
        private final ModelKind kind;
        private final double alpha;
        private final double beta;
        private final double[] level;
        private final double[] trend;

        Holt(ModelKind kind, double[] y, double alpha, double beta) {
            this.kind = kind;
            this.alpha = alpha;
            this.beta = beta;
            level = new double[y.length];
            trend = new double[y.length];
            run(y, y.length, alpha, beta, kind == ModelKind.HOLT, level, trend);
        }

        public ModelKind kind() {
            return kind;
        }

        public double forecast(int origin, int steps) {
            return level[origin] + steps * trend[origin];
        }

        public String parameters() {
            return kind == ModelKind.HOLT ? String.format("alpha=%.2f beta=%.2f", alpha, beta) : String.format("alpha=%.2f", alpha);
        }

        /** Runs the filter over y[0..end); returns the one-step-ahead SSE (from t = 2). */
        static double run(double[] y, int end, double alpha, double beta, boolean withTrend, double[] level, double[] trend) {
            double l = y[0];
            double b = withTrend && y.length > 1 && end > 1 ? y[1] - y[0] : 0;
            double sse = 0;
            if (level != null) {
                level[0] = l;
                trend[0] = b;
            }
            for (int t = 1; t < end; t++) {
                double predicted = l + b;
                double e = y[t] - predicted;
                if (t >= 2) {
                    sse += e * e;
                }
                double newLevel = alpha * y[t] + (1 - alpha) * (l + b);
                b = withTrend ? beta * (newLevel - l) + (1 - beta) * b : 0;
                l = newLevel;
                if (level != null) {
                    level[t] = l;
                    trend[t] = b;
                }
            }
            return sse;
        }
    }

    static FittedModel fitSes(double[] y, int fitEnd) {
        double best = Double.MAX_VALUE;
        double bestAlpha = 0.5;
        for (double a : ALPHAS) {
            double sse = Holt.run(y, fitEnd, a, 0, false, null, null);
            if (sse < best) {
                best = sse;
                bestAlpha = a;
            }
        }
        return new Holt(ModelKind.EXPONENTIAL_SMOOTHING, y, bestAlpha, 0);
    }

    static FittedModel fitHolt(double[] y, int fitEnd) {
        double best = Double.MAX_VALUE;
        double bestAlpha = 0.5;
        double bestBeta = 0.1;
        for (double a : ALPHAS) {
            for (double b : BETAS) {
                double sse = Holt.run(y, fitEnd, a, b, true, null, null);
                if (sse < best) {
                    best = sse;
                    bestAlpha = a;
                    bestBeta = b;
                }
            }
        }
        return new Holt(ModelKind.HOLT, y, bestAlpha, bestBeta);
    }

    /** Additive Holt-Winters, initialised from the first two seasons. */
    static final class HoltWinters implements FittedModel {
        private final int period;
        private final double alpha;
        private final double beta;
        private final double gamma;
        private final double[] level;
        private final double[] trend;
        private final double[] season; // season[t] = seasonal component estimated at time t for phase t mod m

        HoltWinters(double[] y, int period, double alpha, double beta, double gamma) {
            this.period = period;
            this.alpha = alpha;
            this.beta = beta;
            this.gamma = gamma;
            level = new double[y.length];
            trend = new double[y.length];
            season = new double[y.length];
            run(y, y.length, period, alpha, beta, gamma, level, trend, season);
        }

        public ModelKind kind() {
            return ModelKind.HOLT_WINTERS;
        }

        public double forecast(int origin, int steps) {
            if (origin < period - 1) {
                return level[Math.max(origin, 0)];
            }
            int back = period * ((steps - 1) / period + 1);
            return level[origin] + steps * trend[origin] + season[origin + steps - back];
        }

        public String parameters() {
            return String.format("m=%d alpha=%.2f beta=%.2f gamma=%.2f", period, alpha, beta, gamma);
        }

        /** Runs over y[0..end); returns the one-step-ahead SSE from the second season on. */
        static double run(double[] y, int end, int m, double alpha, double beta, double gamma,
                          double[] level, double[] trend, double[] season) {
            double mean1 = 0;
            double mean2 = 0;
            for (int i = 0; i < m; i++) {
                mean1 += y[i];
                mean2 += y[i + m];
            }
            mean1 /= m;
            mean2 /= m;
            double b = (mean2 - mean1) / m;
            // state at t = m-1: level is the first season's mean moved to its last point
            double l = mean1 + b * (m - 1) / 2.0;
            double[] s = season != null ? season : new double[end];
            for (int i = 0; i < m; i++) {
                s[i] = y[i] - (mean1 + b * (i - (m - 1) / 2.0));
                if (level != null) {
                    level[i] = l;
                    trend[i] = b;
                }
            }
            double sse = 0;
            for (int t = m; t < end; t++) {
                double seasonal = s[t - m];
                double e = y[t] - (l + b + seasonal);
                sse += e * e;
                double newLevel = alpha * (y[t] - seasonal) + (1 - alpha) * (l + b);
                b = beta * (newLevel - l) + (1 - beta) * b;
                s[t] = gamma * (y[t] - newLevel) + (1 - gamma) * seasonal;
                l = newLevel;
                if (level != null) {
                    level[t] = l;
                    trend[t] = b;
                }
            }
            return sse;
        }
    }

    static FittedModel fitHoltWinters(double[] y, int period, int fitEnd) {
        int end = Math.max(fitEnd, 2 * period + 2);
        double best = Double.MAX_VALUE;
        double[] bestParams = {0.2, 0.01, 0.1};
        double[] scratch = new double[end];
        for (double a : HW_ALPHAS) {
            for (double b : HW_BETAS) {
                for (double g : HW_GAMMAS) {
                    double sse = HoltWinters.run(y, end, period, a, b, g, null, null, scratch);
                    if (sse < best) {
                        best = sse;
                        bestParams = new double[] {a, b, g};
                    }
                }
            }
        }
        return new HoltWinters(y, period, bestParams[0], bestParams[1], bestParams[2]);
    }
}
