package io.shardwise;

/**
 * One shard as {@code SHOW SHARDWISE SHARDS} and {@link ShardwiseAdmin#shards()} report it.
 *
 * @param group   the group whose key space the shard is part of
 * @param shardId the shard's id, unique within its group
 * @param keys    the key range ({@code [lo, hi)}) or the pinned keys it holds, as text
 * @param node    the node that owns it
 * @param state   e.g. STABLE, or a migration state
 * @param version the topology version that last changed it
 * @param estimatedRows rows of the shard on its node, summed over the group's tables (exact for RANGE groups,
 *                      estimated from the node's share of the hash space for HASH groups); -1 when unknown
 */
public record ShardInfo(String group, long shardId, String keys, String node, String state, long version,
                        long estimatedRows) {

    /** A shard without a row estimate ({@code estimatedRows} -1). */
    public ShardInfo(String group, long shardId, String keys, String node, String state, long version) {
        this(group, shardId, keys, node, state, version, -1);
    }
}
