package io.shardwise.router;

import io.shardwise.profiler.KeySpace;
import io.shardwise.profiler.Profiler;
import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.config.GroupSpec;
import io.shardwise.router.topology.ShardingStrategy;
import java.util.HashMap;
import java.util.Map;

/**
 * Feeds executions to the profiler: a statement with one key as a point access, any other statement of a group as a
 * broadcast. Groups get profiler ids in configuration order. Allocation-free: the id lookup hashes a String whose
 * hash is cached and unboxes a small cached Integer.
 */
final class ProfilerRecorder implements ExecutionRecorder {
    private final Profiler profiler;
    private final Map<String, Integer> ids = new HashMap<>();

    /**
     * Whether a restored profiler's groups are this configuration's groups under the same ids (configuration order),
     * so its history can be kept.
     */
    static boolean fits(Profiler profiler, ClusterSpec spec) {
        int id = 0;
        for (GroupSpec g : spec.groups().values()) {
            String known = profiler.groupName(id++);
            if (known != null && !known.equals(g.name())) {
                return false;
            }
        }
        return profiler.groupIds().size() <= spec.groups().size();
    }

    ProfilerRecorder(Profiler profiler, ClusterSpec spec) {
        this.profiler = profiler;
        int id = 0;
        for (GroupSpec g : spec.groups().values()) {
            KeySpace space = g.strategy() == ShardingStrategy.HASH ? KeySpace.hash()
                    : KeySpace.range(Long.MIN_VALUE, Long.MAX_VALUE);
            if (!g.name().equals(profiler.groupName(id))) {
                // a profiler restored from the metadata directory already knows this group, with its history
                profiler.registerGroup(id, g.name(), space);
            }
            ids.put(g.name(), id++);
        }
    }

    /** Every group's profiler id, by group name. */
    Map<String, Integer> ids() {
        return Map.copyOf(ids);
    }

    /** The profiler's id of a group, or -1. */
    int groupId(String group) {
        Integer id = ids.get(group);
        return id == null ? -1 : id;
    }

    @Override
    public void record(String group, boolean hasKey, long keyPoint, Object keyValue, boolean write, long nanos) {
        Integer id = ids.get(group);
        if (id == null) {
            return;
        }
        if (hasKey) {
            profiler.record(id, keyPoint, keyValue, write, nanos);
        } else {
            profiler.recordBroadcast(id, write, nanos);
        }
    }
}
