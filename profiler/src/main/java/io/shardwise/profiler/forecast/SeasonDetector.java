package io.shardwise.profiler.forecast;

/**
 * Finds a series' season length from its autocorrelation: the series is detrended (least-squares line), and the
 * lag in {@code [minPeriod, n/2]} with the highest autocorrelation among local peaks wins if that correlation is
 * at least {@code threshold}. Multiples of the true period also correlate, but less (the estimator divides by n),
 * so the base period wins.
 */
public final class SeasonDetector {
    private SeasonDetector() {
    }

    /** The detected period, or 0 when there is no clear season. */
    public static int detect(double[] y, int minPeriod, int maxPeriod, double threshold) {
        int n = y.length;
        int hi = Math.min(maxPeriod, n / 2);
        if (n < 8 || hi < minPeriod) {
            return 0;
        }
        double[] r = detrend(y);
        double var = 0;
        for (double v : r) {
            var += v * v;
        }
        if (var <= 1e-12) {
            return 0;
        }
        double[] acf = new double[hi + 2];
        for (int lag = Math.max(1, minPeriod - 1); lag <= Math.min(hi + 1, n - 1); lag++) {
            double sum = 0;
            for (int t = lag; t < n; t++) {
                sum += r[t] * r[t - lag];
            }
            acf[lag] = sum / var;
        }
        int best = 0;
        double bestAcf = threshold;
        for (int lag = Math.max(2, minPeriod); lag <= hi; lag++) {
            boolean peak = acf[lag] >= acf[lag - 1] && acf[lag] >= acf[lag + 1];
            if (peak && acf[lag] > bestAcf + 1e-9) {
                bestAcf = acf[lag];
                best = lag;
            }
        }
        return best;
    }

    static double[] detrend(double[] y) {
        int n = y.length;
        double meanT = (n - 1) / 2.0;
        double meanY = 0;
        for (double v : y) {
            meanY += v;
        }
        meanY /= n;
        double cov = 0;
        double varT = 0;
        for (int t = 0; t < n; t++) {
            cov += (t - meanT) * (y[t] - meanY);
            varT += (t - meanT) * (t - meanT);
        }
        double slope = varT > 0 ? cov / varT : 0;
        double[] r = new double[n];
        for (int t = 0; t < n; t++) {
            r[t] = y[t] - meanY - slope * (t - meanT);
        }
        return r;
    }
}
