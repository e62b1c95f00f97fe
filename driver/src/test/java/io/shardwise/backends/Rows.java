package io.shardwise.backends;

import io.shardwise.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads result sets as lists of strings, so results through Shardwise and straight from nodes compare simply. */
final class Rows {
    private Rows() {
    }

    static List<List<String>> of(ResultSet rs) throws SQLException {
        int n = rs.getMetaData().getColumnCount();
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(rs.getString(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * Rows as values rather than texts: numbers without trailing zeros (a merged AVG may carry another scale than
     * the node's), timestamps as instants (a merged timestamptz prints without its offset). What is compared is
     * the value an application reads with getBigDecimal / getObject.
     */
    static List<List<String>> values(ResultSet rs) throws SQLException {
        java.sql.ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                Object v = rs.getObject(i);
                if (v instanceof java.math.BigDecimal d) {
                    row.add(d.stripTrailingZeros().toPlainString());
                } else if (v instanceof java.sql.Timestamp t) {
                    row.add(t.toInstant().toString());
                } else if (v instanceof java.time.OffsetDateTime t) {
                    row.add(t.toInstant().toString());
                } else {
                    row.add(rs.getString(i));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    static List<List<String>> of(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return of(rs);
            }
        }
    }

    static List<List<String>> of(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return of(rs);
        }
    }

    static List<String> column(List<List<String>> rows, int index) {
        List<String> out = new ArrayList<>(rows.size());
        for (List<String> r : rows) {
            out.add(r.get(index));
        }
        return out;
    }
}
