package io.shardwise.driver.migration;

import io.shardwise.driver.admin.AdminCommand;
import io.shardwise.driver.admin.AdminContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/** {@code SHARDWISE CANCEL MIGRATION <id>}: stops a migration before its flip and rolls it back. */
public final class CancelMigrationCommand implements AdminCommand {
    private static final String USAGE = "SHARDWISE CANCEL MIGRATION <id>  -- stop a migration before its cutover;"
            + " the shard stays on its source";
    private static final Pattern GRAMMAR = AdminArgs.grammar("SHARDWISE CANCEL MIGRATION (\\d+)");

    @Override
    public boolean matches(String words) {
        return words.startsWith("SHARDWISE CANCEL MIGRATION ");
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public ResultSet execute(String sql, AdminContext context) throws SQLException {
        AdminArgs a = AdminArgs.parse(sql, GRAMMAR, USAGE);
        return MigrationRows.migrations(List.of(MigrationAdminOps.of(context.runtime()).cancel(a.number(1))),
                context.statement());
    }
}
