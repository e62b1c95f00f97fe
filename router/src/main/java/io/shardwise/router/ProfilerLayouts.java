package io.shardwise.router;

import io.shardwise.profiler.plan.GroupLayout;
import io.shardwise.profiler.plan.ShardLayout;
import io.shardwise.profiler.plan.ShardSpec;
import io.shardwise.router.topology.GroupTopology;
import io.shardwise.router.topology.Shard;
import io.shardwise.router.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The router's topology as the profiler's {@link ShardLayout} value: same shard ids, key points and owners, with
 * the row estimates of {@link io.shardwise.router.migration.ShardRowEstimator} (0 for a shard without one).
 */
final class ProfilerLayouts {
    private ProfilerLayouts() {
    }

    /**
     * @param groupIds the profiler's id of each group name; groups without one are left out
     * @param rows     shard id -> estimated rows
     */
    static ShardLayout of(Topology topology, List<String> nodes, Map<String, Integer> groupIds, Map<Integer, Long> rows) {
        List<GroupLayout> groups = new ArrayList<>();
        for (GroupTopology g : topology.groups().values()) {
            Integer id = groupIds.get(g.name());
            if (id == null) {
                continue;
            }
            List<ShardSpec> shards = new ArrayList<>();
            long totalRows = 0;
            for (Shard s : g.shards()) {
                long r = Math.max(0, rows.getOrDefault(s.id(), 0L));
                totalRows += r;
                if (s.isPinned()) {
                    List<Long> points = new ArrayList<>(s.pinned().length);
                    for (long p : s.pinned()) {
                        points.add(p);
                    }
                    shards.add(ShardSpec.pinned(s.id(), points, s.node(), r));
                } else {
                    shards.add(ShardSpec.range(s.id(), s.lo(), s.hi(), s.node(), r));
                }
            }
            // what pinning one key costs: unknown per key without a scan, so one row unless the group is empty
            groups.add(new GroupLayout(id, shards, totalRows == 0 ? 0 : 1));
        }
        return new ShardLayout(topology.version(), nodes, groups);
    }
}
