package io.shardwise.bench.profiler;

import io.shardwise.profiler.plan.GroupLayout;
import io.shardwise.profiler.plan.ShardLayout;
import io.shardwise.profiler.plan.ShardSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fast point -> node lookup for one group of a layout (what the router's topology does), for the simulation. */
final class LayoutIndex {
    private final Map<Long, Integer> pinned = new HashMap<>();
    private final long[] lows;
    private final int[] rangeNodes;
    private final List<String> nodes;

    LayoutIndex(ShardLayout layout, int group) {
        nodes = layout.nodes();
        GroupLayout g = layout.group(group);
        List<ShardSpec> ranges = new ArrayList<>();
        for (ShardSpec s : g.shards()) {
            if (s.isPinned()) {
                for (Long p : s.pinned()) {
                    pinned.put(p, nodes.indexOf(s.node()));
                }
            } else {
                ranges.add(s);
            }
        }
        ranges.sort(Comparator.comparingLong(ShardSpec::lo));
        lows = new long[ranges.size()];
        rangeNodes = new int[ranges.size()];
        for (int i = 0; i < lows.length; i++) {
            lows[i] = ranges.get(i).lo();
            rangeNodes[i] = nodes.indexOf(ranges.get(i).node());
        }
    }

    int nodeOf(long point) {
        if (!pinned.isEmpty()) {
            Integer n = pinned.get(point);
            if (n != null) {
                return n;
            }
        }
        int lo = 0;
        int hi = lows.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lows[mid] <= point) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return rangeNodes[lo];
    }

    int nodeCount() {
        return nodes.size();
    }
}
