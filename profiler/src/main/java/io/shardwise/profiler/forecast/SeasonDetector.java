package io.shardwise.profiler.forecast;

/**
 * Finds a series' season length from its autocorrelation: the series is detrended (least-squares line), the
 * autocorrelation of every lag in {@code [minPeriod, n/2]} is computed, and among the peaks after it first falls
 * below zero, if the highest reaches {@code threshold}, the shortest lag whose peak comes within 90% of it is the
 * period (multiples of the period correlate about as well).
 */
public final class SeasonDetector {
    private SeasonDetector() {
    }

    /** The detected period, or 0 when there is no clear season. */
    public static int detect(double[] y, int minPeriod, int maxPeriod, double threshold) {
        int n = y.length;
        // look a little past maxPeriod, so that a season of exactly maxPeriod is still seen as a peak
        int hi = Math.min(maxPeriod + Math.max(2, maxPeriod / 20), n / 2);
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
            // divided by the number of terms, not by n: the usual (n) estimator shrinks long lags and would
            // shift the peak of a smooth season a little short of the true period
            acf[lag] = (sum / (n - lag)) / (var / n);
        }
        // a smooth series correlates with itself at short lags whatever its season: only peaks after the
        // autocorrelation first falls below zero (a quarter period for a sine) can be seasons
        int from = Math.max(2, minPeriod);
        while (from <= hi && acf[from] > 0) {
            from++;
        }
        double top = threshold;
        for (int lag = from; lag <= hi; lag++) {
            if (isPeak(acf, lag) && acf[lag] > top) {
                top = acf[lag];
            }
        }
        if (top <= threshold) {
            return 0;
        }
        // multiples of the period peak as high: the first peak close to the highest one is the period
        for (int lag = from; lag <= hi; lag++) {
            if (isPeak(acf, lag) && acf[lag] >= 0.9 * top) {
                return refine(y, lag, Math.max(2, minPeriod), hi);
            }
        }
        return 0;
    }

    /**
     * A smooth season's autocorrelation is flat at its top, so noise can put the peak a lag or two off: among the
     * lags around it, the period is the one whose seasonal difference (y[t] - y[t - lag]) is smallest.
     */
    private static int refine(double[] y, int lag, int minPeriod, int maxPeriod) {
        int radius = Math.max(1, lag / 20);
        int best = lag;
        double bestError = Double.MAX_VALUE;
        for (int l = Math.max(minPeriod, lag - radius); l <= Math.min(maxPeriod, lag + radius); l++) {
            double sum = 0;
            for (int t = l; t < y.length; t++) {
                sum += Math.abs(y[t] - y[t - l]);
            }
            double error = sum / (y.length - l);
            if (error < bestError - 1e-12) {
                bestError = error;
                best = l;
            }
        }
        return best;
    }

    private static boolean isPeak(double[] acf, int lag) {
        return acf[lag] >= acf[lag - 1] && acf[lag] >= acf[lag + 1];
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
