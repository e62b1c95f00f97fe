package io.shardwise.profiler.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Predicted load per node of a layout, and its imbalance (max / mean). */
public final class NodeLoads {
    private NodeLoads() {
    }

    public static Map<String, Double> of(ShardLayout layout, Map<Integer, GroupLoad> loads) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String node : layout.nodes()) {
            out.put(node, 0.0);
        }
        for (GroupLayout g : layout.groups()) {
            GroupLoad load = loads.get(g.groupId());
            if (load == null) {
                continue;
            }
            Set<Long> pinned = g.pinnedPoints();
            for (ShardSpec s : g.shards()) {
                out.merge(s.node(), load.shardLoad(s, pinned), Double::sum);
            }
        }
        return out;
    }

    /** max / mean over the nodes; 1 when there is no load at all. */
    public static double imbalance(Map<String, Double> nodeLoads) {
        double max = 0;
        double sum = 0;
        for (double v : nodeLoads.values()) {
            max = Math.max(max, v);
            sum += v;
        }
        if (sum <= 0) {
            return 1.0;
        }
        return max / (sum / nodeLoads.size());
    }
}
