package io.shardwise.router;

/**
 * One row of {@code SHOW SHARDWISE SHARDS}: a shard, its key range ({@code [lo, hi)}, the top shard's
 * {@code [lo, MAX]}) or pinned keys ({@code pinned{p1,p2}}, as key points), owner node, state (with the target node
 * while moving, e.g. {@code COPYING->n2}) and the topology version in which it last changed.
 */
public record ShardRow(String group, int shardId, String keys, String node, String state, long version) {
}
