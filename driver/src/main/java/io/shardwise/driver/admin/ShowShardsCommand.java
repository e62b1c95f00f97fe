package io.shardwise.driver.admin;

import io.shardwise.ShardInfo;
import io.shardwise.driver.merge.InMemoryResultSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** {@code SHOW SHARDWISE SHARDS}: one row per shard of every group. */
public final class ShowShardsCommand implements AdminCommand {
    private static final List<String> LABELS = List.of("GROUP_NAME", "SHARD_ID", "KEYS", "NODE", "STATE",
            "VERSION", "ESTIMATED_ROWS");
    private static final int[] TYPES = {Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
        Types.BIGINT, Types.BIGINT};

    @Override
    public boolean matches(String words) {
        return words.equals("SHOW SHARDWISE SHARDS");
    }

    @Override
    public String usage() {
        return "SHOW SHARDWISE SHARDS  -- one row per shard: group, shard id, key range or pinned keys, node, "
                + "state, version, estimated rows";
    }

    @Override
    public ResultSet execute(String sql, AdminContext context) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (ShardInfo s : context.runtime().shards()) {
            rows.add(new Object[] {s.group(), s.shardId(), s.keys(), s.node(), s.state(), s.version(),
                s.estimatedRows() < 0 ? null : s.estimatedRows()});
        }
        return InMemoryResultSet.of(LABELS, TYPES, rows, context.statement());
    }
}
