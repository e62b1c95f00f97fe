package io.shardwise.profiler.plan;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The router's current topology as the profiler sees it: the nodes (including any without shards yet) and,
 * per group, its shards. A pure value: the router builds one from its topology and gets back a
 * {@link ShardKeyMap}.
 */
public record ShardLayout(long version, List<String> nodes, List<GroupLayout> groups) {
    public ShardLayout {
        nodes = List.copyOf(nodes);
        groups = List.copyOf(groups);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a layout needs at least one node");
        }
        Set<String> known = new HashSet<>(nodes);
        Set<Integer> groupIds = new HashSet<>();
        for (GroupLayout g : groups) {
            if (!groupIds.add(g.groupId())) {
                throw new IllegalArgumentException("group " + g.groupId() + " appears twice");
            }
            for (ShardSpec s : g.shards()) {
                if (!known.contains(s.node())) {
                    throw new IllegalArgumentException("shard " + s.id() + " of group " + g.groupId()
                            + " is on unknown node " + s.node());
                }
            }
        }
    }

    public GroupLayout group(int groupId) {
        for (GroupLayout g : groups) {
            if (g.groupId() == groupId) {
                return g;
            }
        }
        return null;
    }
}
