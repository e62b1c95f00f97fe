package io.shardwise;

/**
 * One shard migration as {@code SHOW SHARDWISE MIGRATIONS} and {@link ShardwiseAdmin#migrations()} report it.
 *
 * @param id            the migration id (for CANCEL MIGRATION)
 * @param shardId       the shard being moved
 * @param group         its group
 * @param from          the source node (the owner until the flip)
 * @param to            the target node
 * @param state         PREPARING, COPYING, CATCHING_UP, CUTOVER, CLEANUP (moved, source rows not yet deleted), DONE,
 *                      FAILED or CANCELLED
 * @param rowsCopied    rows copied by the bulk copy
 * @param backlog       change-queue records not yet applied to the target
 * @param elapsedMillis time since the migration started (until it ended)
 * @param freezeMillis  how long writes to the shard were frozen at the cutover
 * @param error         why it failed or was cancelled; null otherwise
 */
public record MigrationInfo(long id, long shardId, String group, String from, String to, String state,
                            long rowsCopied, long backlog, long elapsedMillis, long freezeMillis, String error) {
}
