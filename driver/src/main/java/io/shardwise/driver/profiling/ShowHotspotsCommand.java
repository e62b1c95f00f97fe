package io.shardwise.driver.profiling;

import io.shardwise.HotspotInfo;
import io.shardwise.driver.admin.AdminCommand;
import io.shardwise.driver.admin.AdminContext;
import io.shardwise.driver.merge.InMemoryResultSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** {@code SHOW SHARDWISE HOTSPOTS}: hot keys and segments, current and predicted rate, tier; hottest first. */
public final class ShowHotspotsCommand implements AdminCommand {
    private static final List<String> LABELS = List.of("GROUP_NAME", "KIND", "KEY_VALUE", "KEY_POINT_LO",
            "KEY_POINT_HI", "CURRENT_PER_SECOND", "PREDICTED_PER_SECOND", "TIER", "MODEL", "BACKTEST_MASE");
    private static final int[] TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.BIGINT,
        Types.DOUBLE, Types.DOUBLE, Types.VARCHAR, Types.VARCHAR, Types.DOUBLE};

    @Override
    public boolean matches(String words) {
        return words.equals("SHOW SHARDWISE HOTSPOTS");
    }

    @Override
    public String usage() {
        return "SHOW SHARDWISE HOTSPOTS  -- hot keys and key segments: current and predicted statements per second, "
                + "tier, model";
    }

    @Override
    public ResultSet execute(String sql, AdminContext context) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (HotspotInfo h : ProfilerViews.of(context.runtime()).hotspots()) {
            rows.add(new Object[] {h.group(), h.kind(), h.key(), h.lo(), h.hi(), h.currentPerSecond(),
                h.predictedPerSecond(), h.tier(), h.model(), Views.orNull(h.backtestMase())});
        }
        return InMemoryResultSet.of(LABELS, TYPES, rows, context.statement());
    }
}
