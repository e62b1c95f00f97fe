package io.shardwise.router.config;

/** A sharded table: its shard-key column and the group whose key space it shares. Names are lower-case. */
public record TableSpec(String name, String shardKey, String group) {
}
