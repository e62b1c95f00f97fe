package io.shardwise.driver.resharding;

import io.shardwise.DecisionInfo;
import io.shardwise.driver.merge.InMemoryResultSet;
import io.shardwise.driver.runtime.ClusterRuntime;
import io.shardwise.router.ShardwiseRouter;
import io.shardwise.router.resharding.Decision;
import io.shardwise.router.resharding.ReshardingController;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** The controller's decisions for {@code SHOW SHARDWISE DECISIONS} and {@link io.shardwise.ShardwiseAdmin}. */
public final class DecisionViews {
    private static final List<String> LABELS = List.of("DECISION_ID", "DECIDED_AT", "MODE", "TRIGGER_REASON",
            "IMBALANCE_BEFORE", "IMBALANCE_AFTER", "STEPS", "OUTCOME", "MIGRATION_IDS");
    private static final int[] TYPES = {Types.BIGINT, Types.TIMESTAMP, Types.VARCHAR, Types.VARCHAR, Types.DOUBLE,
        Types.DOUBLE, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR};

    private DecisionViews() {
    }

    /** Every decision, oldest first; empty when the controller is off ({@code resharding.enabled=false}). */
    public static List<DecisionInfo> decisions(ClusterRuntime runtime) {
        ShardwiseRouter router = runtime.router();
        ReshardingController c = router == null ? null : router.resharding();
        List<DecisionInfo> out = new ArrayList<>();
        if (c == null) {
            return out;
        }
        for (Decision d : c.decisions()) {
            out.add(new DecisionInfo(d.id(), d.atMillis(), d.mode().name(), d.trigger(), d.imbalanceBefore(),
                    d.imbalanceAfter(), d.steps(), d.outcome(), d.migrationIds()));
        }
        return out;
    }

    static ResultSet rows(List<DecisionInfo> list, Statement owner) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (DecisionInfo d : list) {
            rows.add(new Object[] {d.id(), new Timestamp(d.atMillis()), d.mode(), d.trigger(),
                round(d.imbalanceBefore()), round(d.imbalanceAfter()), String.join("; ", d.steps()), d.outcome(),
                d.migrationIds().toString()});
        }
        return InMemoryResultSet.of(LABELS, TYPES, rows, owner);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
