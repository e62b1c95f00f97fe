package io.shardwise.profiler.record;

import io.shardwise.profiler.KeyRanges;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes segments finer where the load is: each bucket, the hottest segment is halved while it carries more than
 * {@code splitFactor} times its fair share (total / maxSegments); at the segment limit the coldest adjacent pair
 * is merged first, but only if together they carry less than half of what is being split (so resolution moves
 * to where it buys the most). At most {@code maxChanges} splits per bucket keep the segmentation from thrashing.
 * Loads are exponentially smoothed across buckets so one noisy bucket does not reshape everything.
 */
public final class SegmentAdapter {
    private final int maxSegments;
    private final double splitFactor;
    private final int maxChanges;

    public SegmentAdapter(int maxSegments, double splitFactor, int maxChanges) {
        this.maxSegments = maxSegments;
        this.splitFactor = splitFactor;
        this.maxChanges = maxChanges;
    }

    /** The adapted segmentation and the smoothed loads carried over to it. */
    public record Result(Segmentation segmentation, double[] loads) {
    }

    public Result adapt(Segmentation current, double[] smoothedLoads) {
        List<long[]> bounds = new ArrayList<>(); // [low, high]
        List<Double> loads = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < current.size(); i++) {
            bounds.add(new long[] {current.low(i), current.high(i)});
            loads.add(smoothedLoads[i]);
            total += smoothedLoads[i];
        }
        if (total <= 0) {
            return new Result(current, smoothedLoads.clone());
        }
        double fairShare = total / maxSegments;
        boolean changed = false;
        for (int change = 0; change < maxChanges; change++) {
            int hot = -1;
            for (int i = 0; i < bounds.size(); i++) {
                long[] b = bounds.get(i);
                if (b[1] > b[0] && loads.get(i) > splitFactor * fairShare && (hot < 0 || loads.get(i) > loads.get(hot))) {
                    hot = i;
                }
            }
            if (hot < 0) {
                break;
            }
            if (bounds.size() >= maxSegments) {
                int coldest = -1;
                double coldestLoad = Double.MAX_VALUE;
                for (int i = 0; i + 1 < bounds.size(); i++) {
                    if (i == hot || i + 1 == hot) {
                        continue;
                    }
                    double pair = loads.get(i) + loads.get(i + 1);
                    if (pair < coldestLoad) {
                        coldestLoad = pair;
                        coldest = i;
                    }
                }
                if (coldest < 0 || coldestLoad >= loads.get(hot) / 2) {
                    break;
                }
                bounds.set(coldest, new long[] {bounds.get(coldest)[0], bounds.get(coldest + 1)[1]});
                loads.set(coldest, coldestLoad);
                bounds.remove(coldest + 1);
                loads.remove(coldest + 1);
                if (coldest < hot) {
                    hot--;
                }
            }
            long[] b = bounds.get(hot);
            long mid = KeyRanges.midpoint(b[0], b[1]);
            double half = loads.get(hot) / 2;
            bounds.set(hot, new long[] {b[0], mid - 1});
            bounds.add(hot + 1, new long[] {mid, b[1]});
            loads.set(hot, half);
            loads.add(hot + 1, half);
            changed = true;
        }
        double[] out = new double[loads.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = loads.get(i);
        }
        if (!changed) {
            return new Result(current, out);
        }
        long[] lows = new long[bounds.size()];
        for (int i = 0; i < lows.length; i++) {
            lows[i] = bounds.get(i)[0];
        }
        return new Result(new Segmentation(current.space(), lows), out);
    }
}
