package io.shardwise.bench.driver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Before anything is timed, every target must give the same answers as direct H2 to the benchmark's own queries
 * (point selects in both statement styles, the scatter aggregate, ORDER BY ... LIMIT, a full count): speed of a
 * wrong answer is not worth reporting. A difference (or an error) only disqualifies the workloads it concerns.
 */
final class ResultCheck {

    private ResultCheck() {
    }

    /** One question, the workloads whose results it vouches for, and the answer rendered as text. */
    record Answer(String question, List<Workload> workloads, String answer) {
    }

    /** The first difference per workload; empty when the candidate agrees with the reference everywhere. */
    static Map<Workload, String> compare(Connection reference, Connection candidate, int rows, long seed) {
        List<Answer> expected = answers(reference, rows, seed);
        List<Answer> actual = answers(candidate, rows, seed);
        Map<Workload, String> differences = new EnumMap<>(Workload.class);
        for (int i = 0; i < expected.size(); i++) {
            Answer e = expected.get(i);
            Answer a = actual.get(i);
            if (!e.answer().equals(a.answer())) {
                for (Workload w : e.workloads()) {
                    differences.putIfAbsent(w, e.question() + ": expected [" + shorten(e.answer()) + "] but got ["
                            + shorten(a.answer()) + "]");
                }
            }
        }
        return differences;
    }

    static List<Answer> answers(Connection c, int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Workload> point = List.of(Workload.POINT_SELECT, Workload.POINT_UPDATE, Workload.BATCH_INSERT);
        List<Answer> out = new ArrayList<>();
        out.add(ask(c, "SELECT COUNT(*) FROM bench_t", null, List.of(Workload.SCATTER_AGGREGATE)));
        for (int i = 0; i < 20; i++) {
            long id = random.nextLong(rows);
            out.add(ask(c, "SELECT id, k, v, pad FROM bench_t WHERE id = ?", id, point));
            out.add(ask(c, "SELECT id, k, v, pad FROM bench_t WHERE id = " + id, null, point));
        }
        for (int k : new int[] {0, 37, BenchData.K_VALUES - 1}) {
            out.add(ask(c, "SELECT COUNT(*), SUM(v) FROM bench_t WHERE k >= ?", (long) k,
                    List.of(Workload.SCATTER_AGGREGATE)));
        }
        for (long from : new long[] {0, rows / 2, rows - 10}) {
            out.add(ask(c, "SELECT id, k, v, pad FROM bench_t WHERE id >= ? ORDER BY id LIMIT 10", from,
                    List.of(Workload.ORDER_BY_LIMIT)));
        }
        return out;
    }

    /** Runs one query (prepared when {@code param} is given); an error is an answer too, and never equals a result. */
    private static Answer ask(Connection c, String sql, Long param, List<Workload> workloads) {
        String question = param == null ? sql : sql + " [" + param + "]";
        try {
            if (param == null) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                    return new Answer(question, workloads, render(rs));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, param);
                try (ResultSet rs = ps.executeQuery()) {
                    return new Answer(question, workloads, render(rs));
                }
            }
        } catch (SQLException | RuntimeException e) {
            return new Answer(question, workloads, "error " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String shorten(String answer) {
        return answer.length() <= 120 ? answer : answer.substring(0, 117) + "...";
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
