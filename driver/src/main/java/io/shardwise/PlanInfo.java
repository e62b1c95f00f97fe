package io.shardwise;

import java.util.List;

/**
 * The profiler's proposed re-sharding, as {@code SHARDWISE PLAN} and {@link ShardwiseAdmin#plan()} report it.
 * Nothing has been changed: the steps are what SPLIT / PIN / MOVE / MERGE statements would do.
 *
 * @param version          the proposal's version (raised with every proposal)
 * @param topologyVersion  the topology version the plan starts from
 * @param imbalanceBefore  predicted max/mean node load over the horizon with the current layout
 * @param imbalanceAfter   the same once every step is done
 * @param targetImbalance  the imbalance the generator aims to stay under
 * @param rowsMoved        rows the MOVE steps copy in total (estimated)
 * @param steps            the steps, in execution order (empty when the layout is already balanced)
 */
public record PlanInfo(long version, long topologyVersion, double imbalanceBefore, double imbalanceAfter,
                       double targetImbalance, long rowsMoved, List<Step> steps) {
    public PlanInfo {
        steps = List.copyOf(steps);
    }

    /**
     * One step.
     *
     * @param action          SPLIT, PIN, MOVE or MERGE
     * @param shardId         the shard the step acts on
     * @param point           the key point split at or pinned (SPLIT, PIN; a hash point for HASH groups), else 0
     * @param newShardId      the shard created (SPLIT, PIN), merged into (MERGE), or the moved shard (MOVE)
     * @param estimatedRows   rows copied (MOVE) or taken out of the range (PIN); 0 for metadata-only steps
     * @param imbalanceBefore predicted imbalance before this step (after the earlier ones)
     * @param imbalanceAfter  predicted imbalance after this step
     * @param finishesAtSeconds when the step would be done, from the start of the plan, at the configured move rate
     * @param beforePeak      whether that is before the predicted peak load
     * @param description     the step in words
     */
    public record Step(String action, String group, long shardId, long point, long newShardId, String fromNode,
                       String toNode, long estimatedRows, double imbalanceBefore, double imbalanceAfter,
                       double finishesAtSeconds, boolean beforePeak, String description) {
    }
}
