package io.shardwise;

import java.util.List;

/**
 * One decision of the re-sharding controller, as {@code SHOW SHARDWISE DECISIONS} and
 * {@link ShardwiseAdmin#decisions()} report it (docs/resharding.md).
 *
 * @param id              increasing per driver instance
 * @param atMillis        when it was taken (epoch milliseconds)
 * @param mode            PREDICTIVE or REACTIVE
 * @param trigger         the imbalance seen and for how many buckets
 * @param imbalanceBefore predicted max/mean node load of the layout before the decision
 * @param imbalanceAfter  predicted max/mean node load once its executed steps are done
 * @param steps           each step with what happened to it (done, started migration N, skipped and why, failed)
 * @param outcome         EXECUTED, PARTIAL, DEFERRED, SKIPPED or FAILED, then how its moves ended
 * @param migrationIds    the migrations it started (see {@link ShardwiseAdmin#migrations()})
 */
public record DecisionInfo(long id, long atMillis, String mode, String trigger, double imbalanceBefore,
                           double imbalanceAfter, List<String> steps, String outcome, List<Long> migrationIds) {
}
