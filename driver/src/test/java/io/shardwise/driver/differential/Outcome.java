package io.shardwise.driver.differential;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What a statement answered on one target: an update count, or the labels, type names and rows of its result set.
 * Values are kept as {@code getObject} returned them, so a difference in type or scale is a difference.
 */
record Outcome(long updateCount, List<String> labels, List<String> types, List<List<Object>> rows) {

    static Outcome updated(long count) {
        return new Outcome(count, List.of(), List.of(), List.of());
    }

    static Outcome read(ResultSet rs) throws SQLException {
        try (rs) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<String> labels = new ArrayList<>(n);
            List<String> types = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                labels.add(md.getColumnLabel(i));
                types.add(md.getColumnTypeName(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 1; i <= n; i++) {
                    row[i - 1] = rs.getObject(i);
                }
                rows.add(Arrays.asList(row));
            }
            return new Outcome(-1, labels, types, rows);
        }
    }

    /** The same outcome with its rows in a canonical order, for SQL whose row order is not defined. */
    Outcome sorted() {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(Outcome::canonical));
        return new Outcome(updateCount, labels, types, copy);
    }

    private static String canonical(List<Object> row) {
        StringBuilder s = new StringBuilder();
        for (Object v : row) {
            s.append(v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v)).append('\u0001');
        }
        return s.toString();
    }

    String describe() {
        if (updateCount >= 0) {
            return "update count " + updateCount;
        }
        StringBuilder s = new StringBuilder().append(labels).append(' ').append(types).append(", ")
                .append(rows.size()).append(" rows");
        int shown = 0;
        for (List<Object> r : rows) {
            if (shown++ == 12) {
                s.append("\n    ...");
                break;
            }
            s.append("\n    ").append(describeRow(r));
        }
        return s.toString();
    }

    private static String describeRow(List<Object> row) {
        StringBuilder s = new StringBuilder("[");
        for (Object v : row) {
            if (s.length() > 1) {
                s.append(", ");
            }
            s.append(v);
            if (v != null) {
                s.append(':').append(v.getClass().getSimpleName());
            }
        }
        return s.append(']').toString();
    }
}
