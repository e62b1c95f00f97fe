package io.shardwise.router.migration;

/**
 * Maps a shard-key value to its key point, exactly as the router does when it routes a statement (HASH groups: a
 * non-negative 63-bit hash of the key; RANGE groups: the integral key value). The migration engine must use the
 * router's own function, or it would move rows the router does not route to the shard.
 */
@FunctionalInterface
public interface KeyPointFunction {
    long point(Object keyValue);
}
