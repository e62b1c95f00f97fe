package io.shardwise.router.keys;

import io.shardwise.router.sql.SqlDialectKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Puts a node's key generators on its {@link KeyStride}: run right after DDL that creates a table or a sequence
 * has succeeded on that node (the driver runs DDL on every node; each node gets its own slot).
 *
 * <ul>
 *   <li>PostgreSQL: every identity, serial and bigserial column of the table is backed by a sequence
 *       ({@code pg_get_serial_sequence}); each gets {@code ALTER SEQUENCE ... INCREMENT BY stride RESTART WITH}
 *       the first value of the node's class above what the column and the sequence already hold.</li>
 *   <li>H2: identity columns get {@code ALTER TABLE ... ALTER COLUMN ... RESTART WITH ... SET INCREMENT BY}.</li>
 *   <li>MariaDB/MySQL: nothing per table; AUTO_INCREMENT follows the session variables that
 *       {@link KeyStride#sessionInitSql} sets on every pooled connection.</li>
 * </ul>
 *
 * Restarting above the current maximum makes this safe on a table that already has rows, and idempotent.
 */
public final class StridedKeys {

    private StridedKeys() {
    }

    /**
     * Strides every generated-key column of {@code table} on the node behind {@code node}.
     *
     * @param table the table name as the application wrote it in its DDL (unquoted names follow the node's case
     *              folding; a quoted name keeps its case)
     * @return the statements that were run, for logs and tests
     */
    public static List<String> applyToTable(Connection node, SqlDialectKind dialect, KeyStride stride, String table)
            throws SQLException {
        return switch (dialect) {
            case POSTGRESQL -> postgresTable(node, stride, table);
            case H2 -> h2Table(node, stride, table);
            case MYSQL -> List.of();
        };
    }

    /** Strides a sequence the application created itself ({@code CREATE SEQUENCE}); PostgreSQL and H2. */
    public static String applyToSequence(Connection node, SqlDialectKind dialect, KeyStride stride, String sequence)
            throws SQLException {
        return switch (dialect) {
            case POSTGRESQL -> postgresSequence(node, stride, sequence, 0);
            case H2 -> h2Sequence(node, stride, sequence);
            case MYSQL -> throw new SQLException("striding a MariaDB/MySQL SEQUENCE is not supported; use an "
                    + "AUTO_INCREMENT column, which follows the node's auto_increment_increment/offset");
        };
    }

    // ---- PostgreSQL ----

    private static List<String> postgresTable(Connection c, KeyStride stride, String table) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        // The name as SQL would read it (unquoted folds to lower case), else as the exact stored name ("Orders").
        String sql = "SELECT a.attname, pg_get_serial_sequence(c.oid::regclass::text, a.attname), c.oid::regclass::text "
                + "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
                + "WHERE c.oid = coalesce(to_regclass(?), to_regclass(quote_ident(?))) "
                + "AND a.attnum > 0 AND NOT a.attisdropped "
                + "AND pg_get_serial_sequence(c.oid::regclass::text, a.attname) IS NOT NULL ORDER BY a.attnum";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        List<String> ran = new ArrayList<>();
        for (String[] col : columns) {
            long maxInTable = scalarLong(c, "SELECT coalesce(max(" + quotePg(col[0]) + ")::bigint, 0) FROM " + col[2]);
            ran.add(postgresSequence(c, stride, col[1], maxInTable));
        }
        return ran;
    }

    private static String postgresSequence(Connection c, KeyStride stride, String sequence, long maxInTable)
            throws SQLException {
        long lastHanded;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM " + sequence)) {
            rs.next();
            lastHanded = rs.getBoolean(2) ? rs.getLong(1) : rs.getLong(1) - 1;
        }
        long restart = stride.firstAtLeast(Math.max(lastHanded, maxInTable) + 1);
        String alter = "ALTER SEQUENCE " + sequence + " INCREMENT BY " + stride.stride()
                + " MINVALUE 1 RESTART WITH " + restart;
        execute(c, alter);
        return alter;
    }

    private static String quotePg(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    // ---- H2 ----

    private static List<String> h2Table(Connection c, KeyStride stride, String table) throws SQLException {
        String stored = h2StoredName(table);
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS "
                + "WHERE TABLE_SCHEMA = SCHEMA() AND TABLE_NAME = ? AND IS_IDENTITY = 'YES' ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, stored);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        List<String> ran = new ArrayList<>();
        for (String column : columns) {
            String col = quoteH2(column);
            String tbl = quoteH2(stored);
            long max = scalarLong(c, "SELECT COALESCE(MAX(" + col + "), 0) FROM " + tbl);
            String alter = "ALTER TABLE " + tbl + " ALTER COLUMN " + col + " RESTART WITH "
                    + stride.firstAtLeast(max + 1) + " SET INCREMENT BY " + stride.stride();
            execute(c, alter);
            ran.add(alter);
        }
        return ran;
    }

    private static String h2Sequence(Connection c, KeyStride stride, String sequence) throws SQLException {
        String stored = h2StoredName(sequence);
        long base;
        try (PreparedStatement ps = c.prepareStatement("SELECT BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES "
                + "WHERE SEQUENCE_SCHEMA = SCHEMA() AND SEQUENCE_NAME = ?")) {
            ps.setString(1, stored);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no sequence " + sequence + " on this node");
                }
                base = rs.getLong(1);
            }
        }
        String alter = "ALTER SEQUENCE " + quoteH2(stored) + " RESTART WITH " + stride.firstAtLeast(base)
                + " INCREMENT BY " + stride.stride();
        execute(c, alter);
        return alter;
    }

    /** H2 stores unquoted names upper-cased and quoted ones as written. */
    private static String h2StoredName(String name) {
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
            return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return name.toUpperCase(Locale.ROOT);
    }

    private static String quoteH2(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    // ---- shared ----

    private static long scalarLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
