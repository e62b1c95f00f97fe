package io.shardwise.driver.migration;

import io.shardwise.driver.admin.AdminCommand;
import io.shardwise.driver.admin.AdminContext;
import java.sql.ResultSet;
import java.sql.SQLException;

/** {@code SHOW SHARDWISE MIGRATIONS}: every migration this cluster's metadata remembers, oldest first. */
public final class ShowMigrationsCommand implements AdminCommand {

    @Override
    public boolean matches(String words) {
        return words.equals("SHOW SHARDWISE MIGRATIONS");
    }

    @Override
    public String usage() {
        return "SHOW SHARDWISE MIGRATIONS  -- id, shard, from, to, state, rows copied, queue backlog, elapsed,"
                + " freeze time, error";
    }

    @Override
    public ResultSet execute(String sql, AdminContext context) throws SQLException {
        return MigrationRows.migrations(MigrationAdminOps.of(context.runtime()).migrations(), context.statement());
    }
}
