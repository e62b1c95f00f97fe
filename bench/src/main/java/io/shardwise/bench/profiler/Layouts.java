package io.shardwise.bench.profiler;

import io.shardwise.profiler.plan.GroupLayout;
import io.shardwise.profiler.plan.ShardLayout;
import io.shardwise.profiler.plan.ShardSpec;

import java.util.ArrayList;
import java.util.List;

/** Static layouts for the workloads. */
final class Layouts {
    static final List<String> NODES = List.of("node0", "node1", "node2", "node3");

    private Layouts() {
    }

    /** {@code shards} equal hash ranges over [0, Long.MAX_VALUE], round robin over the nodes. */
    static ShardLayout hashRanges(int group, int shards, long rowsPerShard, double rowsPerKey) {
        List<ShardSpec> specs = new ArrayList<>();
        long width = Long.MAX_VALUE / shards;
        for (int i = 0; i < shards; i++) {
            long lo = i * width;
            long hi = i == shards - 1 ? Long.MAX_VALUE : (i + 1) * width;
            specs.add(ShardSpec.range(i, lo, hi, NODES.get(i % NODES.size()), rowsPerShard));
        }
        return new ShardLayout(1, NODES, List.of(new GroupLayout(group, specs, rowsPerKey)));
    }
}
