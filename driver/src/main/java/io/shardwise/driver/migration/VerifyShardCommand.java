package io.shardwise.driver.migration;

import io.shardwise.ShardVerification;
import io.shardwise.driver.admin.AdminCommand;
import io.shardwise.driver.admin.AdminContext;
import io.shardwise.driver.merge.InMemoryResultSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code SHARDWISE VERIFY SHARD <id>}: while the shard moves, compares source and target (row count and checksum
 * per key range); otherwise the owner's row count and checksum.
 */
public final class VerifyShardCommand implements AdminCommand {
    private static final String USAGE = "SHARDWISE VERIFY SHARD <id>  -- compare a moving shard's rows on source and"
            + " target (count and checksum per key range)";
    private static final Pattern GRAMMAR = AdminArgs.grammar("SHARDWISE VERIFY SHARD (\\d+)");
    private static final List<String> LABELS = List.of("SHARD_ID", "SOURCE_NODE", "TARGET_NODE", "SOURCE_ROWS",
            "TARGET_ROWS", "SOURCE_CHECKSUM", "TARGET_CHECKSUM", "MATCHES", "MISMATCHES");
    private static final int[] TYPES = {Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.BIGINT,
        Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN, Types.VARCHAR};

    @Override
    public boolean matches(String words) {
        return words.startsWith("SHARDWISE VERIFY SHARD ");
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public ResultSet execute(String sql, AdminContext context) throws SQLException {
        AdminArgs a = AdminArgs.parse(sql, GRAMMAR, USAGE);
        ShardVerification v = MigrationAdminOps.of(context.runtime()).verify(a.number(1));
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {v.shardId(), v.source(), v.target(), v.sourceRows(),
            v.target() == null ? null : v.targetRows(), Long.toHexString(v.sourceChecksum()),
            v.target() == null ? null : Long.toHexString(v.targetChecksum()), v.matches(),
            String.join("; ", v.mismatches())});
        return InMemoryResultSet.of(LABELS, TYPES, rows, context.statement());
    }
}
