package io.shardwise.bench.driver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The five workloads of issue 2's benchmark. Each operation opens its statement, executes, reads every column of
 * every row, closes, and checks the row or update count it must get: a target that misroutes fails its cell
 * instead of reporting a fast wrong answer.
 */
public enum Workload {

    POINT_SELECT("point-select", "point select by shard key") {
        private static final String SQL = "SELECT id, k, v, pad FROM bench_t WHERE id = ";

        @Override
        void run(Connection c, StatementStyle style, OpContext ctx) throws SQLException {
            long id = ctx.randomKey();
            if (style == StatementStyle.PREPARED) {
                try (PreparedStatement ps = c.prepareStatement(SQL + "?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        expectRows(1, readAll(rs, ctx), this);
                    }
                }
            } else {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL + id)) {
                    expectRows(1, readAll(rs, ctx), this);
                }
            }
        }
    },

    POINT_UPDATE("point-update", "point update by shard key") {
        private static final String SQL = "UPDATE bench_t SET v = ";

        @Override
        void run(Connection c, StatementStyle style, OpContext ctx) throws SQLException {
            long id = ctx.randomKey();
            long v = ctx.randomValue();
            int count;
            if (style == StatementStyle.PREPARED) {
                try (PreparedStatement ps = c.prepareStatement(SQL + "? WHERE id = ?")) {
                    ps.setLong(1, v);
                    ps.setLong(2, id);
                    count = ps.executeUpdate();
                }
            } else {
                try (Statement s = c.createStatement()) {
                    count = s.executeUpdate(SQL + v + " WHERE id = " + id);
                }
            }
            expectRows(1, count, this);
        }
    },

    BATCH_INSERT("batch-insert", "batched insert (one op = one batch)") {
        private static final String SQL = "INSERT INTO bench_ins (id, k, v, pad) VALUES ";

        @Override
        void run(Connection c, StatementStyle style, OpContext ctx) throws SQLException {
            int n = ctx.batchSize();
            int[] counts;
            if (style == StatementStyle.PREPARED) {
                try (PreparedStatement ps = c.prepareStatement(SQL + "(?, ?, ?, ?)")) {
                    for (int i = 0; i < n; i++) {
                        long id = ctx.nextInsertId();
                        ps.setLong(1, id);
                        ps.setInt(2, BenchData.k(id));
                        ps.setLong(3, BenchData.v(id));
                        ps.setString(4, BenchData.pad(id));
                        ps.addBatch();
                    }
                    counts = ps.executeBatch();
                }
            } else {
                try (Statement s = c.createStatement()) {
                    for (int i = 0; i < n; i++) {
                        long id = ctx.nextInsertId();
                        s.addBatch(SQL + "(" + id + ", " + BenchData.k(id) + ", " + BenchData.v(id) + ", '"
                                + BenchData.pad(id) + "')");
                    }
                    counts = s.executeBatch();
                }
            }
            expectRows(n, insertedRows(counts), this);
        }
    },

    SCATTER_AGGREGATE("scatter-aggregate", "scatter aggregate COUNT(*), SUM(v) WHERE k >= x") {
        private static final String SQL = "SELECT COUNT(*), SUM(v) FROM bench_t WHERE k >= ";

        @Override
        void run(Connection c, StatementStyle style, OpContext ctx) throws SQLException {
            int k = ctx.randomInt(BenchData.K_VALUES);
            if (style == StatementStyle.PREPARED) {
                try (PreparedStatement ps = c.prepareStatement(SQL + "?")) {
                    ps.setInt(1, k);
                    try (ResultSet rs = ps.executeQuery()) {
                        expectRows(1, readAggregate(rs, ctx), this);
                    }
                }
            } else {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL + k)) {
                    expectRows(1, readAggregate(rs, ctx), this);
                }
            }
        }
    },

    ORDER_BY_LIMIT("order-by-limit", "WHERE id >= x ORDER BY id LIMIT 10") {
        private static final String SQL = "SELECT id, k, v, pad FROM bench_t WHERE id >= ";
        private static final int PAGE = 10;

        @Override
        void run(Connection c, StatementStyle style, OpContext ctx) throws SQLException {
            long from = ctx.randomKeyWithTail(PAGE);
            if (style == StatementStyle.PREPARED) {
                try (PreparedStatement ps = c.prepareStatement(SQL + "? ORDER BY id LIMIT " + PAGE)) {
                    ps.setLong(1, from);
                    try (ResultSet rs = ps.executeQuery()) {
                        expectRows(PAGE, readAll(rs, ctx), this);
                    }
                }
            } else {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery(SQL + from + " ORDER BY id LIMIT " + PAGE)) {
                    expectRows(PAGE, readAll(rs, ctx), this);
                }
            }
        }
    };

    private final String id;
    private final String label;

    Workload(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** One operation; throws when the target fails or returns the wrong number of rows. */
    abstract void run(Connection c, StatementStyle style, OpContext ctx) throws SQLException;

    static Workload byId(String id) {
        for (Workload w : values()) {
            if (w.id.equalsIgnoreCase(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "' (known: "
                + Arrays.stream(values()).map(Workload::id).collect(Collectors.joining(", ")) + ")");
    }

    /** Reads every column of every (id, k, v, pad) row with typed getters, as an application would. */
    static int readAll(ResultSet rs, OpContext ctx) throws SQLException {
        int rows = 0;
        while (rs.next()) {
            rows++;
            ctx.consume(rs.getLong(1) + rs.getInt(2) + rs.getLong(3) + rs.getString(4).length());
        }
        return rows;
    }

    /** Reads a (COUNT(*), SUM(v)) row. */
    static int readAggregate(ResultSet rs, OpContext ctx) throws SQLException {
        int rows = 0;
        while (rs.next()) {
            rows++;
            ctx.consume(rs.getLong(1) + rs.getLong(2));
        }
        return rows;
    }

    static int insertedRows(int[] counts) {
        int sum = 0;
        for (int c : counts) {
            // SUCCESS_NO_INFO (-2) is a legal answer for a batch entry: count it as the one row it inserted.
            sum += c == Statement.SUCCESS_NO_INFO ? 1 : c;
        }
        return sum;
    }

    static void expectRows(int expected, int actual, Workload w) throws SQLException {
        if (expected != actual) {
            throw new SQLException(w.id + ": expected " + expected + " rows, got " + actual);
        }
    }
}
