package io.shardwise.router.resharding;

/**
 * Whether this driver instance may make re-sharding decisions now. With one instance (the local metadata store)
 * it always may ({@link #LOCAL}); with several instances a coordinator (issue 5's ZooKeeper half: leader election
 * through Curator) answers true on exactly one of them, so one controller acts at a time. The controller asks at
 * every bucket, so losing leadership stops new decisions at the next bucket; migrations already started finish
 * under the migration engine's own protocol.
 */
@FunctionalInterface
public interface Leadership {
    /** The single-instance answer: this instance leads. */
    Leadership LOCAL = () -> true;

    boolean isLeader();
}
