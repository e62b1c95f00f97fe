package io.shardwise.driver.profiling;

import io.shardwise.ShardForecastInfo;
import io.shardwise.driver.admin.AdminCommand;
import io.shardwise.driver.admin.AdminContext;
import io.shardwise.driver.merge.InMemoryResultSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** {@code SHOW SHARDWISE FORECAST}: per shard the actual and predicted rate, the model and its backtest error. */
public final class ShowForecastCommand implements AdminCommand {
    private static final List<String> LABELS = List.of("GROUP_NAME", "SHARD_ID", "NODE", "ACTUAL_PER_SECOND",
            "PREDICTED_PER_SECOND", "MODEL", "BACKTEST_MASE", "BACKTEST_SMAPE", "NAIVE_MASE", "NAIVE_SMAPE");
    private static final int[] TYPES = {Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.DOUBLE, Types.DOUBLE,
        Types.VARCHAR, Types.DOUBLE, Types.DOUBLE, Types.DOUBLE, Types.DOUBLE};

    @Override
    public boolean matches(String words) {
        return words.equals("SHOW SHARDWISE FORECAST");
    }

    @Override
    public String usage() {
        return "SHOW SHARDWISE FORECAST  -- per shard: actual and predicted statements per second, chosen model, "
                + "its backtest error and that of next = last";
    }

    @Override
    public ResultSet execute(String sql, AdminContext context) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (ShardForecastInfo f : ProfilerViews.of(context.runtime()).forecast()) {
            rows.add(new Object[] {f.group(), f.shardId(), f.node(), f.actualPerSecond(), f.predictedPerSecond(),
                f.model(), Views.orNull(f.backtestMase()), Views.orNull(f.backtestSmape()),
                Views.orNull(f.naiveMase()), Views.orNull(f.naiveSmape())});
        }
        return InMemoryResultSet.of(LABELS, TYPES, rows, context.statement());
    }
}
