package io.shardwise.router.node;

import io.shardwise.router.config.TableSpec;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * At start: every configured sharded table that already exists on a node must have its shard-key column there. A
 * table that does not exist yet is fine: the application will create it (through the driver, on every node).
 */
public final class ShardKeyCheck {
    private ShardKeyCheck() {
    }

    public static void check(Map<String, DataSource> nodes, Collection<TableSpec> tables) throws SQLException {
        for (Map.Entry<String, DataSource> node : nodes.entrySet()) {
            try (Connection c = node.getValue().getConnection()) {
                DatabaseMetaData md = c.getMetaData();
                for (TableSpec t : tables) {
                    String actual = findTable(md, c, t.name());
                    if (actual != null && !hasColumn(md, c, actual, t.shardKey())) {
                        throw new SQLException("Table " + t.name() + " on node " + node.getKey()
                                + " has no shard-key column " + t.shardKey() + " (table." + t.name()
                                + ".shard-key): fix the setting or add the column", "42703");
                    }
                }
            }
        }
    }

    /** The table's name as the database stores it (case differs: H2 upper-cases, PostgreSQL lower-cases). */
    private static String findTable(DatabaseMetaData md, Connection c, String name) throws SQLException {
        for (String candidate : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), candidate, null)) {
                while (rs.next()) {
                    if (rs.getString("TABLE_NAME").equalsIgnoreCase(name)) {
                        return rs.getString("TABLE_NAME");
                    }
                }
            }
        }
        return null;
    }

    private static boolean hasColumn(DatabaseMetaData md, Connection c, String table, String column)
            throws SQLException {
        try (ResultSet rs = md.getColumns(c.getCatalog(), c.getSchema(), table, null)) {
            while (rs.next()) {
                if (rs.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
                    return true;
                }
            }
        }
        return false;
    }
}
