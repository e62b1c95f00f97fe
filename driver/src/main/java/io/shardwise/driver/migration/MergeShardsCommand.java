package io.shardwise.driver.migration;

import io.shardwise.driver.admin.AdminCommand;
import io.shardwise.driver.admin.AdminContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Pattern;

/** {@code SHARDWISE MERGE SHARDS <id>, <id>}: two shards of one node become one; returns it. */
public final class MergeShardsCommand implements AdminCommand {
    private static final String USAGE = "SHARDWISE MERGE SHARDS <id>, <id>  -- merge adjacent range shards, or a"
            + " pinned shard into its range, on one node (metadata only)";
    private static final Pattern GRAMMAR = AdminArgs.grammar("SHARDWISE MERGE SHARDS (\\d+)\\s*,\\s*(\\d+)");

    @Override
    public boolean matches(String words) {
        return words.startsWith("SHARDWISE MERGE SHARDS ");
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public ResultSet execute(String sql, AdminContext context) throws SQLException {
        AdminArgs a = AdminArgs.parse(sql, GRAMMAR, USAGE);
        return MigrationRows.shard(MigrationAdminOps.of(context.runtime()).merge(a.number(1), a.number(2)),
                context.statement());
    }
}
