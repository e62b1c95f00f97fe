package io.shardwise.profiler.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Predicted load per node of a layout (one value per load column), and its imbalance. */
public final class NodeLoads {
    private NodeLoads() {
    }

    public static Map<String, double[]> of(ShardLayout layout, Map<Integer, GroupLoad> loads) {
        int columns = 1;
        for (GroupLoad g : loads.values()) {
            columns = Math.max(columns, g.columns());
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String node : layout.nodes()) {
            out.put(node, new double[columns]);
        }
        for (GroupLayout g : layout.groups()) {
            GroupLoad load = loads.get(g.groupId());
            if (load == null) {
                continue;
            }
            Set<Long> pinned = g.pinnedPoints();
            for (ShardSpec s : g.shards()) {
                double[] shard = load.shardLoad(s, pinned);
                double[] node = out.get(s.node());
                for (int c = 0; c < shard.length; c++) {
                    node[c] += shard[c];
                }
            }
        }
        return out;
    }

    /**
     * The hottest node at its hottest moment against the average node at the busiest moment:
     * {@code max over nodes and columns of load / max over columns of the mean node load}. With one column this is
     * plain max / mean. A node that is 1.5 times the mean at 3 a.m., when the mean is a tenth of the peak's, is no
     * risk and does not count. 1 when there is no load at all.
     */
    public static double imbalance(Map<String, double[]> nodeLoads) {
        int columns = nodeLoads.values().iterator().next().length;
        double peakMean = 0;
        double peakNode = 0;
        for (int c = 0; c < columns; c++) {
            double sum = 0;
            for (double[] v : nodeLoads.values()) {
                sum += v[c];
                peakNode = Math.max(peakNode, v[c]);
            }
            peakMean = Math.max(peakMean, sum / nodeLoads.size());
        }
        return peakMean <= 0 ? 1.0 : Math.max(1.0, peakNode / peakMean);
    }

    /** max / mean at one column; 1 when there is no load then. */
    public static double imbalanceAt(Map<String, double[]> nodeLoads, int column) {
        double max = 0;
        double sum = 0;
        for (double[] v : nodeLoads.values()) {
            max = Math.max(max, v[column]);
            sum += v[column];
        }
        return sum <= 0 ? 1.0 : max / (sum / nodeLoads.size());
    }
}
