package io.shardwise.driver.resharding;

import io.shardwise.driver.admin.AdminCommand;
import io.shardwise.driver.admin.AdminContext;
import java.sql.ResultSet;
import java.sql.SQLException;

/** {@code SHOW SHARDWISE DECISIONS}: the re-sharding controller's decisions, oldest first. */
public final class ShowDecisionsCommand implements AdminCommand {

    @Override
    public boolean matches(String words) {
        return words.equals("SHOW SHARDWISE DECISIONS");
    }

    @Override
    public String usage() {
        return "SHOW SHARDWISE DECISIONS  -- re-sharding decisions: time, mode, trigger, predicted imbalance"
                + " before/after, steps, outcome";
    }

    @Override
    public ResultSet execute(String sql, AdminContext context) throws SQLException {
        return DecisionViews.rows(DecisionViews.decisions(context.runtime()), context.statement());
    }
}
