package io.shardwise.profiler.cluster;

/**
 * Hot, warm and cold by predicted load: natural breaks on log(1 + load), because loads are skewed over orders of
 * magnitude and a linear scale would put everything but the top key in one class. A load of zero is always COLD.
 */
public final class TierClassifier {
    private TierClassifier() {
    }

    public static Tier[] classify(double[] loads) {
        double[] logs = new double[loads.length];
        for (int i = 0; i < loads.length; i++) {
            logs[i] = Math.log1p(Math.max(0, loads[i]));
        }
        int[] classes = NaturalBreaks.classify(logs, 3);
        int top = 0;
        for (int c : classes) {
            top = Math.max(top, c);
        }
        Tier[] out = new Tier[loads.length];
        for (int i = 0; i < loads.length; i++) {
            if (loads[i] <= 0) {
                out[i] = Tier.COLD;
            } else if (top == 0) {
                out[i] = Tier.WARM; // all alike: nothing stands out
            } else if (classes[i] == top) {
                out[i] = Tier.HOT;
            } else if (classes[i] == 0) {
                out[i] = Tier.COLD;
            } else {
                out[i] = Tier.WARM;
            }
        }
        return out;
    }
}
