package io.shardwise.driver.migration;

import io.shardwise.MigrationInfo;
import io.shardwise.driver.admin.AdminCommand;
import io.shardwise.driver.admin.AdminContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code SHARDWISE MOVE SHARD <id> TO <node> [ASYNC]}: waits until the owner flipped and returns the migration's
 * statistics (a failed move raises its error; the shard then stays where it was); with ASYNC returns the
 * migration's row at once (follow it with SHOW SHARDWISE MIGRATIONS).
 */
public final class MoveShardCommand implements AdminCommand {
    private static final String USAGE = "SHARDWISE MOVE SHARD <id> TO <node> [ASYNC]  -- move a shard online;"
            + " waits (or not, with ASYNC) and returns the migration's row";
    private static final Pattern GRAMMAR = AdminArgs.grammar("SHARDWISE MOVE SHARD (\\d+) TO (\\w+)( ASYNC)?");

    @Override
    public boolean matches(String words) {
        return words.startsWith("SHARDWISE MOVE SHARD ");
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public ResultSet execute(String sql, AdminContext context) throws SQLException {
        AdminArgs a = AdminArgs.parse(sql, GRAMMAR, USAGE);
        MigrationAdminOps ops = MigrationAdminOps.of(context.runtime());
        String node = a.text(2).toLowerCase(Locale.ROOT);
        MigrationInfo m = a.present(3) ? ops.moveAsync(a.number(1), node) : ops.move(a.number(1), node);
        if (m.state().equals("FAILED") || m.state().equals("CANCELLED")) {
            throw new SQLException("migration " + m.id() + " of shard " + m.shardId() + " to " + m.to() + " "
                    + m.state() + ": " + m.error() + " (the shard stays on " + m.from() + ")", "55000");
        }
        return MigrationRows.migrations(List.of(m), context.statement());
    }
}
