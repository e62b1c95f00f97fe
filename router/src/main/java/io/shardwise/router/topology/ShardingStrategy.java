package io.shardwise.router.topology;

/** How a group maps shard-key values to key points (see docs/ARCHITECTURE.md, "Key points"). */
public enum ShardingStrategy {
    /** Point = a non-negative 63-bit hash of the canonical key value; any key type. */
    HASH,
    /** Point = the integral key value itself; keys must be integral numbers. */
    RANGE
}
