package io.shardwise.profiler.plan;

/**
 * One step of a plan, in execution order.
 *
 * <ul>
 *   <li>SPLIT: range shard {@code shardId} is cut at {@code point}; {@code [point, old hi)} becomes shard
 *       {@code newShardId} on the same node. Metadata only.</li>
 *   <li>PIN: {@code point} is taken out of range shard {@code shardId} into pinned shard {@code newShardId} on the
 *       same node. Metadata only.</li>
 *   <li>MOVE: shard {@code shardId} moves from {@code fromNode} to {@code toNode}: {@code estimatedRows} are copied.</li>
 *   <li>MERGE: shard {@code shardId} is merged into shard {@code newShardId} (same node); metadata only.</li>
 * </ul>
 *
 * @param load              predicted load (per forecast step, the highest over the horizon) the step's shard carries
 * @param imbalanceAfter    predicted max/mean node load once this and every earlier step is done
 * @param finishesAtSeconds when the step is done, from the start of the plan, at the configured move rate
 * @param beforePeak        whether it is done before the predicted peak
 */
public record PlanStep(Kind kind, int groupId, int shardId, long point, int newShardId, String fromNode,
                       String toNode, long estimatedRows, double load, double imbalanceAfter,
                       double finishesAtSeconds, boolean beforePeak) {
    public enum Kind {
        SPLIT, PIN, MOVE, MERGE
    }

    public String describe() {
        return switch (kind) {
            case SPLIT -> String.format("SPLIT group %d shard %d at %d -> new shard %d on %s", groupId, shardId, point, newShardId, fromNode);
            case PIN -> String.format("PIN group %d point %d from shard %d -> shard %d on %s", groupId, point, shardId, newShardId, fromNode);
            case MOVE -> String.format("MOVE group %d shard %d %s -> %s (%d rows)", groupId, shardId, fromNode, toNode, estimatedRows);
            case MERGE -> String.format("MERGE group %d shard %d into shard %d on %s", groupId, shardId, newShardId, toNode);
        };
    }
}
