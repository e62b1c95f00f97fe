package io.shardwise.router.migration;

import io.shardwise.router.config.TableSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A shard's tables as they exist on a pair of nodes: for each table of the group that the source has, its
 * definition on the source and its SQL on both nodes (names quoted for each). Tables the source lacks have no rows
 * of the shard to move and are skipped.
 */
public final class ShardTables {
    private final List<Pair> pairs;

    public record Pair(TableSpec table, TableDefinition definition, ShardTableSql onSource, ShardTableSql onTarget) {
    }

    private ShardTables(List<Pair> pairs) {
        this.pairs = List.copyOf(pairs);
    }

    public static ShardTables resolve(ShardSlice slice, Connection source, Connection target) throws SQLException {
        List<Pair> pairs = new ArrayList<>();
        for (TableSpec t : slice.tables()) {
            TableDefinition def = TableDefinition.read(source, t.name());
            if (def == null) {
                continue;
            }
            pairs.add(new Pair(t, def, new ShardTableSql(slice, t, def, source), new ShardTableSql(slice, t, def, target)));
        }
        return new ShardTables(pairs);
    }

    /** The shard's tables as they exist on one node (for erasing and verifying on that node alone). */
    public static List<ShardTableSql> onNode(ShardSlice slice, Connection node) throws SQLException {
        List<ShardTableSql> list = new ArrayList<>();
        for (TableSpec t : slice.tables()) {
            TableDefinition def = TableDefinition.read(node, t.name());
            if (def != null) {
                list.add(new ShardTableSql(slice, t, def, node));
            }
        }
        return list;
    }

    public List<Pair> pairs() {
        return pairs;
    }

    public Pair pair(String table) {
        for (Pair p : pairs) {
            if (p.table().name().equals(table)) {
                return p;
            }
        }
        return null;
    }
}
