package io.shardwise.driver.migration;

import io.shardwise.MigrationInfo;
import io.shardwise.ShardInfo;
import io.shardwise.driver.merge.InMemoryResultSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** The result sets of the migration admin statements. */
final class MigrationRows {
    private static final List<String> MIGRATION_LABELS = List.of("MIGRATION_ID", "SHARD_ID", "GROUP_NAME",
            "FROM_NODE", "TO_NODE", "STATE", "ROWS_COPIED", "BACKLOG", "ELAPSED_MS", "FREEZE_MS", "ERROR");
    private static final int[] MIGRATION_TYPES = {Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.VARCHAR,
        Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.VARCHAR};
    private static final List<String> SHARD_LABELS = List.of("GROUP_NAME", "SHARD_ID", "KEYS", "NODE", "STATE",
            "VERSION");
    private static final int[] SHARD_TYPES = {Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR,
        Types.VARCHAR, Types.BIGINT};

    private MigrationRows() {
    }

    static ResultSet migrations(List<MigrationInfo> list, Statement owner) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (MigrationInfo m : list) {
            rows.add(new Object[] {m.id(), m.shardId(), m.group(), m.from(), m.to(), m.state(), m.rowsCopied(),
                m.backlog(), m.elapsedMillis(), m.freezeMillis(), m.error()});
        }
        return InMemoryResultSet.of(MIGRATION_LABELS, MIGRATION_TYPES, rows, owner);
    }

    static ResultSet shard(ShardInfo s, Statement owner) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {s.group(), s.shardId(), s.keys(), s.node(), s.state(), s.version()});
        return InMemoryResultSet.of(SHARD_LABELS, SHARD_TYPES, rows, owner);
    }
}
