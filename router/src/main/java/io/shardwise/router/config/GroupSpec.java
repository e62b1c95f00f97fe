package io.shardwise.router.config;

import io.shardwise.router.topology.ShardingStrategy;
import java.util.List;

/**
 * How a group's key space is first cut into shards. For {@link ShardingStrategy#HASH}: {@code shards} equal
 * ranges of the hash space. For {@link ShardingStrategy#RANGE}: either {@code splitPoints} (ascending integral key
 * values, giving splitPoints.size() + 1 shards) or, when empty, {@code shards} equal ranges of the long space.
 * Initial shards are spread round-robin over the nodes.
 */
public record GroupSpec(String name, ShardingStrategy strategy, int shards, List<Long> splitPoints) {
}
