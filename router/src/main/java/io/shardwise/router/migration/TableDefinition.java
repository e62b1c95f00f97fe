package io.shardwise.router.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A physical table's definition as one node's JDBC metadata reports it: columns (type, size, nullability,
 * default), primary key and indexes. Enough to create the same table on another node before a shard moves there.
 * Check constraints, foreign keys and triggers are not copied (docs/migration.md).
 */
public record TableDefinition(
        String storedName,
        NodeDialect dialect,
        List<Column> columns,
        List<String> primaryKey,
        List<Index> indexes) {

    public record Column(String name, String typeName, int jdbcType, int size, int scale, boolean nullable,
                         String defaultValue, boolean autoIncrement) {
    }

    public record Index(String name, boolean unique, List<String> columns) {
    }

    /**
     * Reads the definition of {@code table} (the configured, lower-case name) on {@code c}, or returns null when the
     * node has no such table.
     */
    public static TableDefinition read(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String stored = storedName(c, table);
        if (stored == null) {
            return null;
        }
        String catalog = c.getCatalog();
        String schema = schemaOf(c);
        List<Column> columns = new ArrayList<>();
        try (ResultSet rs = md.getColumns(catalog, schema, stored, null)) {
            while (rs.next()) {
                if (!stored.equals(rs.getString("TABLE_NAME"))) {
                    continue;
                }
                columns.add(new Column(
                        rs.getString("COLUMN_NAME"),
                        rs.getString("TYPE_NAME"),
                        rs.getInt("DATA_TYPE"),
                        rs.getInt("COLUMN_SIZE"),
                        rs.getInt("DECIMAL_DIGITS"),
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                        rs.getString("COLUMN_DEF"),
                        "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT"))));
            }
        }
        Map<Integer, String> pk = new TreeMap<>();
        String pkName = null;
        try (ResultSet rs = md.getPrimaryKeys(catalog, schema, stored)) {
            while (rs.next()) {
                pk.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                pkName = rs.getString("PK_NAME");
            }
        }
        Map<String, Map<Integer, String>> indexColumns = new LinkedHashMap<>();
        Map<String, Boolean> indexUnique = new LinkedHashMap<>();
        try (ResultSet rs = md.getIndexInfo(catalog, schema, stored, false, false)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                String col = rs.getString("COLUMN_NAME");
                if (name == null || col == null || rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
                    continue;
                }
                indexColumns.computeIfAbsent(name, k -> new TreeMap<>()).put((int) rs.getShort("ORDINAL_POSITION"), col);
                indexUnique.put(name, !rs.getBoolean("NON_UNIQUE"));
            }
        }
        List<String> pkColumns = List.copyOf(pk.values());
        List<Index> indexes = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, String>> e : indexColumns.entrySet()) {
            List<String> cols = List.copyOf(e.getValue().values());
            boolean backsPrimaryKey = e.getKey().equals(pkName) || (!pkColumns.isEmpty() && cols.equals(pkColumns)
                    && indexUnique.get(e.getKey()));
            if (!backsPrimaryKey) {
                indexes.add(new Index(e.getKey(), indexUnique.get(e.getKey()), cols));
            }
        }
        return new TableDefinition(stored, NodeDialect.of(c), List.copyOf(columns), pkColumns, List.copyOf(indexes));
    }

    /** The table's name as the node stores it (H2 upper-cases unquoted names, PostgreSQL lower-cases), or null. */
    public static String storedName(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String schema = schemaOf(c);
        for (String candidate : new String[] {table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = md.getTables(c.getCatalog(), schema, candidate, new String[] {"TABLE", "BASE TABLE"})) {
                while (rs.next()) {
                    if (candidate.equals(rs.getString("TABLE_NAME"))) {
                        return candidate;
                    }
                }
            }
        }
        return null;
    }

    private static String schemaOf(Connection c) throws SQLException {
        try {
            return c.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }

    public boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }

    public Column column(String name) {
        for (Column col : columns) {
            if (col.name().equalsIgnoreCase(name)) {
                return col;
            }
        }
        return null;
    }

    /** The DDL that creates this table, then its indexes, on {@code target}. */
    public List<String> createStatements(Connection target, String configuredName) throws SQLException {
        NodeDialect to = NodeDialect.of(target);
        String tableName = to.quote(target, storedName, dialect);
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(tableName).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            Column col = columns.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(to.quote(target, col.name(), dialect)).append(' ').append(typeOf(col, dialect));
            sb.append(identityClause(col, to));
            if (col.defaultValue() != null && !col.autoIncrement()) {
                sb.append(" DEFAULT ").append(col.defaultValue());
            }
            if (!col.nullable()) {
                sb.append(" NOT NULL");
            }
        }
        if (!primaryKey.isEmpty()) {
            sb.append(", PRIMARY KEY (");
            for (int i = 0; i < primaryKey.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(to.quote(target, primaryKey.get(i), dialect));
            }
            sb.append(')');
        }
        sb.append(')');
        List<String> ddl = new ArrayList<>();
        ddl.add(sb.toString());
        for (Index index : indexes) {
            StringBuilder ix = new StringBuilder(index.unique() ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
            ix.append(to.quote(target, index.name(), dialect)).append(" ON ").append(tableName).append(" (");
            for (int i = 0; i < index.columns().size(); i++) {
                ix.append(i > 0 ? ", " : "").append(to.quote(target, index.columns().get(i), dialect));
            }
            ddl.add(ix.append(')').toString());
        }
        return ddl;
    }

    /**
     * Keeps a generated-key column generating on the target (issue 6: the destination is created from the source's
     * real definition, identity included). Rows keep the values the source generated; the node's key stride
     * ({@code io.shardwise.router.keys.StridedKeys}) must then be applied on the target so its own keys can never
     * collide with copied ones. PostgreSQL serial types already bring their sequence.
     */
    private static String identityClause(Column col, NodeDialect to) {
        if (!col.autoIncrement()) {
            return "";
        }
        return switch (to) {
            case POSTGRESQL -> col.typeName().toLowerCase(Locale.ROOT).endsWith("serial")
                    ? "" : " GENERATED BY DEFAULT AS IDENTITY";
            case MYSQL -> " AUTO_INCREMENT";
            case H2 -> " GENERATED BY DEFAULT AS IDENTITY";
            default -> "";
        };
    }

    /**
     * The column's type as DDL. Types whose metadata carries a length or precision get it back; the rest are named
     * as the source reports them.
     */
    private static String typeOf(Column col, NodeDialect source) {
        String t = col.typeName();
        if (source == NodeDialect.MYSQL && !t.contains("(")) {
            // MariaDB/MySQL report DATETIME(6) as DATETIME with a column size of 26 (19 + '.' + 6 digits): without
            // the fractional precision the target would silently truncate every copied microsecond.
            int base = switch (col.jdbcType()) {
                case Types.TIMESTAMP -> 19;
                case Types.TIME -> 8;
                default -> -1;
            };
            if (base > 0 && col.size() > base + 1) {
                return t + "(" + (col.size() - base - 1) + ")";
            }
        }
        switch (col.jdbcType()) {
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.BINARY, Types.VARBINARY -> {
                if (col.size() > 0 && col.size() < Integer.MAX_VALUE && !t.contains("(")) {
                    return t + "(" + col.size() + ")";
                }
                return t;
            }
            case Types.NUMERIC, Types.DECIMAL -> {
                if (col.size() > 0 && !t.contains("(")) {
                    return t + "(" + col.size() + ", " + Math.max(0, col.scale()) + ")";
                }
                return t;
            }
            default -> {
                return t;
            }
        }
    }
}
