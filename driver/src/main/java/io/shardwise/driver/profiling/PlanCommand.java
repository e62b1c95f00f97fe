package io.shardwise.driver.profiling;

import io.shardwise.PlanInfo;
import io.shardwise.driver.admin.AdminCommand;
import io.shardwise.driver.admin.AdminContext;
import io.shardwise.driver.merge.InMemoryResultSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SHARDWISE PLAN}: the profiler's proposed steps, each with its estimated rows and the predicted imbalance
 * before and after it. Changes nothing. A balanced layout shows one row, action NONE, with the current imbalance.
 */
public final class PlanCommand implements AdminCommand {
    private static final List<String> LABELS = List.of("STEP", "ACTION", "GROUP_NAME", "SHARD_ID", "KEY_POINT",
            "NEW_SHARD_ID", "FROM_NODE", "TO_NODE", "ESTIMATED_ROWS", "IMBALANCE_BEFORE", "IMBALANCE_AFTER",
            "FINISHES_AT_SECONDS", "BEFORE_PEAK", "DESCRIPTION");
    private static final int[] TYPES = {Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.BIGINT,
        Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.DOUBLE, Types.DOUBLE, Types.DOUBLE,
        Types.BOOLEAN, Types.VARCHAR};

    @Override
    public boolean matches(String words) {
        return words.equals("SHARDWISE PLAN");
    }

    @Override
    public String usage() {
        return "SHARDWISE PLAN  -- the profiler's proposed split/pin/move/merge steps with estimated rows and "
                + "predicted imbalance before and after (changes nothing)";
    }

    @Override
    public ResultSet execute(String sql, AdminContext context) throws SQLException {
        PlanInfo plan = ProfilerViews.of(context.runtime()).plan();
        List<Object[]> rows = new ArrayList<>();
        int n = 0;
        for (PlanInfo.Step s : plan.steps()) {
            rows.add(new Object[] {++n, s.action(), s.group(), s.shardId(), s.point(), s.newShardId(), s.fromNode(),
                s.toNode(), s.estimatedRows(), Views.orNull(s.imbalanceBefore()), Views.orNull(s.imbalanceAfter()),
                s.finishesAtSeconds(), s.beforePeak(), s.description()});
        }
        if (rows.isEmpty()) {
            rows.add(new Object[] {0, "NONE", null, null, null, null, null, null, 0L,
                Views.orNull(plan.imbalanceBefore()), Views.orNull(plan.imbalanceAfter()), 0.0, true,
                "nothing to change: predicted imbalance is within the target " + plan.targetImbalance()});
        }
        return InMemoryResultSet.of(LABELS, TYPES, rows, context.statement());
    }
}
