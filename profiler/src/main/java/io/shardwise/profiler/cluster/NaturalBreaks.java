package io.shardwise.profiler.cluster;

import java.util.Arrays;

/**
 * Optimal 1-D clustering (Jenks natural breaks = exact 1-D k-means): splits sorted values into k contiguous
 * classes minimising the total within-class sum of squares, by dynamic programming over prefix sums,
 * O(k n^2). Inputs are small (shards, segments and hot keys of a group), so exactness is affordable.
 */
public final class NaturalBreaks {
    private NaturalBreaks() {
    }

    /**
     * The class (0 = lowest values) of each input value; fewer than k classes are used when there are fewer
     * distinct values.
     */
    public static int[] classify(double[] values, int k) {
        int n = values.length;
        int[] out = new int[n];
        if (n == 0) {
            return out;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int distinct = 1;
        for (int i = 1; i < n; i++) {
            if (sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        int classes = Math.min(k, distinct);
        if (classes <= 1) {
            return out;
        }
        double[] s1 = new double[n + 1];
        double[] s2 = new double[n + 1];
        for (int i = 0; i < n; i++) {
            s1[i + 1] = s1[i] + sorted[i];
            s2[i + 1] = s2[i] + sorted[i] * sorted[i];
        }
        // cost[c][j]: best cost of the first j values in c+1 classes; from[c][j]: start of the last class
        double[][] cost = new double[classes][n + 1];
        int[][] from = new int[classes][n + 1];
        for (int j = 1; j <= n; j++) {
            cost[0][j] = ssq(s1, s2, 0, j);
        }
        for (int c = 1; c < classes; c++) {
            for (int j = c + 1; j <= n; j++) {
                double best = Double.MAX_VALUE;
                int bestStart = c;
                for (int start = c; start < j; start++) {
                    double v = cost[c - 1][start] + ssq(s1, s2, start, j);
                    if (v < best) {
                        best = v;
                        bestStart = start;
                    }
                }
                cost[c][j] = best;
                from[c][j] = bestStart;
            }
        }
        double[] lowerBounds = new double[classes]; // smallest value of each class
        int end = n;
        for (int c = classes - 1; c >= 0; c--) {
            int start = c == 0 ? 0 : from[c][end];
            lowerBounds[c] = sorted[start];
            end = start;
        }
        for (int i = 0; i < n; i++) {
            int c = 0;
            while (c + 1 < classes && values[i] >= lowerBounds[c + 1]) {
                c++;
            }
            out[i] = c;
        }
        return out;
    }

    private static double ssq(double[] s1, double[] s2, int from, int to) {
        int count = to - from;
        double sum = s1[to] - s1[from];
        return Math.max(0, (s2[to] - s2[from]) - sum * sum / count);
    }
}
