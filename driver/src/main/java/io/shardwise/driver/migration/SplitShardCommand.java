package io.shardwise.driver.migration;

import io.shardwise.driver.admin.AdminCommand;
import io.shardwise.driver.admin.AdminContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Pattern;

/** {@code SHARDWISE SPLIT SHARD <id> AT <value>}: metadata only; returns the new shard. */
public final class SplitShardCommand implements AdminCommand {
    private static final String USAGE = "SHARDWISE SPLIT SHARD <id> AT <key value>  -- split a range shard in place"
            + " (metadata only); RANGE groups take a key value, HASH groups a hash point";
    private static final Pattern GRAMMAR = AdminArgs.grammar("SHARDWISE SPLIT SHARD (\\d+) AT (-?\\d+)");

    @Override
    public boolean matches(String words) {
        return words.startsWith("SHARDWISE SPLIT SHARD ");
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public ResultSet execute(String sql, AdminContext context) throws SQLException {
        AdminArgs a = AdminArgs.parse(sql, GRAMMAR, USAGE);
        return MigrationRows.shard(MigrationAdminOps.of(context.runtime()).split(a.number(1), a.number(2)),
                context.statement());
    }
}
