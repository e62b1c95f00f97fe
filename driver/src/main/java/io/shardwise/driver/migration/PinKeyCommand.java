package io.shardwise.driver.migration;

import io.shardwise.driver.admin.AdminCommand;
import io.shardwise.driver.admin.AdminContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Pattern;

/** {@code SHARDWISE PIN KEY <value> IN GROUP <g>}: a hot key gets a shard of its own; returns it. */
public final class PinKeyCommand implements AdminCommand {
    private static final String USAGE = "SHARDWISE PIN KEY <key value> IN GROUP <group>  -- give one key a shard of"
            + " its own on the node that holds it (metadata only)";
    private static final Pattern GRAMMAR = AdminArgs.grammar("SHARDWISE PIN KEY " + AdminArgs.LITERAL
            + " IN GROUP (\\w+)");

    @Override
    public boolean matches(String words) {
        return words.startsWith("SHARDWISE PIN KEY ");
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public ResultSet execute(String sql, AdminContext context) throws SQLException {
        AdminArgs a = AdminArgs.parse(sql, GRAMMAR, USAGE);
        String group = a.text(2).toLowerCase(java.util.Locale.ROOT);
        return MigrationRows.shard(MigrationAdminOps.of(context.runtime()).pin(group, a.literal(1)),
                context.statement());
    }
}
