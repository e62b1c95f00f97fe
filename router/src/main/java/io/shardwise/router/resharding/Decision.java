package io.shardwise.router.resharding;

import java.util.List;

/**
 * One decision of the controller, as {@code SHOW SHARDWISE DECISIONS} prints it.
 *
 * @param id              increasing per controller
 * @param atMillis        when it was taken (the profiler's clock)
 * @param bucket          the profiler bucket whose update triggered it
 * @param mode            PREDICTIVE or REACTIVE
 * @param trigger         why the controller looked: the imbalance it saw and for how many buckets
 * @param imbalanceBefore predicted max/mean node load of the current layout
 * @param imbalanceAfter  predicted max/mean node load once the executed steps are done
 * @param steps           the steps executed (and the ones skipped, with the reason)
 * @param outcome         EXECUTED, PARTIAL, DEFERRED, SKIPPED or FAILED, with detail; moves update it when they end
 * @param migrationIds    migrations started by this decision
 */
public record Decision(long id, long atMillis, long bucket, ReshardingSettings.Mode mode, String trigger,
                       double imbalanceBefore, double imbalanceAfter, List<String> steps, String outcome,
                       List<Long> migrationIds) {
    public Decision {
        steps = List.copyOf(steps);
        migrationIds = List.copyOf(migrationIds);
    }

    Decision withOutcome(String o) {
        return new Decision(id, atMillis, bucket, mode, trigger, imbalanceBefore, imbalanceAfter, steps, o,
                migrationIds);
    }
}
