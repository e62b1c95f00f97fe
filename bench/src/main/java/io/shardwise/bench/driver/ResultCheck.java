package io.shardwise.bench.driver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Before anything is timed, every target must give the same answers as direct H2 to the benchmark's own queries
 * (point selects in both statement styles, the scatter aggregate, ORDER BY ... LIMIT, a full count): speed of a
 * wrong answer is not worth reporting.
 */
final class ResultCheck {

    private ResultCheck() {
    }

    /** Returns null when the answers agree, otherwise the first difference. */
    static String compare(Connection reference, Connection candidate, int rows, long seed) throws SQLException {
        List<String> expected = answers(reference, rows, seed);
        List<String> actual = answers(candidate, rows, seed);
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : "<nothing>";
            String a = i < actual.size() ? actual.get(i) : "<nothing>";
            if (!e.equals(a)) {
                return "expected [" + e + "] but got [" + a + "]";
            }
        }
        return null;
    }

    static List<String> answers(Connection c, int rows, long seed) throws SQLException {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        out.add("count " + single(c, "SELECT COUNT(*) FROM bench_t"));
        for (int i = 0; i < 20; i++) {
            long id = random.nextLong(rows);
            out.add("point ? " + id + ": " + rowsOf(c, "SELECT id, k, v, pad FROM bench_t WHERE id = ?", id));
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, k, v, pad FROM bench_t WHERE id = " + id)) {
                out.add("point literal " + id + ": " + render(rs));
            }
        }
        for (int k : new int[] {0, 37, BenchData.K_VALUES - 1}) {
            out.add("aggregate k>=" + k + ": "
                    + rowsOf(c, "SELECT COUNT(*), SUM(v) FROM bench_t WHERE k >= ?", k));
        }
        for (long from : new long[] {0, rows / 2, rows - 10}) {
            out.add("page from " + from + ": "
                    + rowsOf(c, "SELECT id, k, v, pad FROM bench_t WHERE id >= ? ORDER BY id LIMIT 10", from));
        }
        return out;
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return render(rs);
        }
    }

    private static String rowsOf(Connection c, String sql, long param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return render(rs);
            }
        }
    }

    /** Values rendered through getString, so a BIGINT sum and a DECIMAL sum of the same value compare equal. */
    private static String render(ResultSet rs) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        StringBuilder sb = new StringBuilder();
        while (rs.next()) {
            sb.append('(');
            for (int i = 1; i <= columns; i++) {
                sb.append(i > 1 ? "," : "").append(rs.getString(i));
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
