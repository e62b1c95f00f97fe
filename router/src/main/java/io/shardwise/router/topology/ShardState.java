package io.shardwise.router.topology;

/**
 * Where a shard is in its life. Reads always go to the owner; what writes do in each state is the migration
 * engine's business (see docs/ARCHITECTURE.md, "Moving a shard").
 */
public enum ShardState {
    /** Owned by one node; nothing in flight. */
    STABLE,
    /** The shard's rows are being copied from the owner to the target node; writes go to the owner and the queue. */
    COPYING,
    /** The copy is done; the queue of writes made meanwhile is being applied to the target. */
    CATCHING_UP,
    /** Writes are frozen while the last of the queue drains and the owner flips to the target. */
    CUTOVER;

    /** True while a move is in flight, i.e. the shard has a target node. */
    public boolean moving() {
        return this != STABLE;
    }
}
