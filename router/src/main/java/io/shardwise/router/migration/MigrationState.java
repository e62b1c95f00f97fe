package io.shardwise.router.migration;

/**
 * Where a migration is. The first four follow DESIGN.md's table; CLEANUP is STABLE(B) with the source's rows not yet
 * deleted. DONE, FAILED and CANCELLED are terminal: in both of the last two the source stayed the owner.
 */
public enum MigrationState {
    PREPARING, COPYING, CATCHING_UP, CUTOVER, CLEANUP, DONE, FAILED, CANCELLED;

    /** The source still owns the shard and the migration can still fail or be cancelled. */
    public boolean beforeFlip() {
        return this == PREPARING || this == COPYING || this == CATCHING_UP || this == CUTOVER;
    }

    public boolean terminal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
