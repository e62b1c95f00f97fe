package io.shardwise.router.resharding;

import java.sql.SQLException;
import java.util.Map;

/**
 * What the controller needs to change the layout: the router's {@code ShardLayout} (split, pin) and
 * {@code MigrationEngine} (moves), addressed with the profiler's group ids. An interface so the decision logic is
 * testable alone and a coordinated implementation (several instances) can wrap the same calls.
 */
public interface ReshardingActions {
    /** Splits range shard {@code shardId} at {@code point}; returns the new shard's id. */
    int split(int shardId, long point) throws SQLException;

    /** Pins key point {@code point} of group {@code groupId} into its own shard; returns the new shard's id. */
    int pin(int groupId, long point) throws SQLException;

    /** Starts moving a shard; returns the migration id at once. */
    long startMove(int shardId, String target) throws SQLException;

    /** The state of a migration this controller started. */
    MoveStatus status(long migrationId);

    /** Migrations running now per node (as source or target), including ones the controller did not start. */
    Map<String, Integer> activeMigrationsPerNode();

    /** The shard's rows counted (or, for hash shards, estimated) on its owner now; -1 when unknown. */
    long rowsOf(int shardId);

    /** Where a shard lives now, or null if it no longer exists (merged, split away). */
    String ownerOf(int shardId);

    /**
     * @param finished    whether the migration has flipped the owner, failed or been cancelled
     * @param succeeded   whether the owner flipped
     * @param rowsCopied  rows copied so far
     * @param elapsedMillis time from start to finish (or to now)
     */
    record MoveStatus(boolean finished, boolean succeeded, long rowsCopied, long elapsedMillis, String error) {
    }
}
