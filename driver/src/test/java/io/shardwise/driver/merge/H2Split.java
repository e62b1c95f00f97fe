package io.shardwise.driver.merge;

import io.shardwise.router.plan.MergeSpec;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A data set split across several H2 in-memory databases ("nodes") by {@code id % nodes}, plus one database holding
 * every row: a query merged from the nodes must answer what the same query answers on the whole.
 */
final class H2Split implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    static final String TABLE = "CREATE TABLE t (id INT PRIMARY KEY, g INT, grp VARCHAR(10), i INT, b BIGINT,"
            + " d DECIMAL(10,2), f DOUBLE PRECISION, r REAL, s VARCHAR(20), dt DATE, ts TIMESTAMP, bin VARBINARY(8),"
            + " flag BOOLEAN)";

    final List<Connection> nodes = new ArrayList<>();
    final Connection whole;

    H2Split(int nodeCount, int rows, long seed) throws SQLException {
        this(open(nodeCount + 1), TABLE, rows, seed);
    }

    /** The last connection holds every row; the others are the nodes. */
    H2Split(List<Connection> connections, String createTable, int rows, long seed) throws SQLException {
        nodes.addAll(connections.subList(0, connections.size() - 1));
        whole = connections.get(connections.size() - 1);
        int nodeCount = nodes.size();
        for (Connection c : all()) {
            try (Statement st = c.createStatement()) {
                st.execute(createTable);
            }
        }
        Random random = new Random(seed);
        for (int id = 1; id <= rows; id++) {
            Object[] row = row(id, random);
            insert(nodes.get(id % nodeCount), row);
            insert(whole, row);
        }
    }

    private static List<Connection> open(int n) throws SQLException {
        List<Connection> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(DriverManager.getConnection("jdbc:h2:mem:merge" + DATABASES.incrementAndGet()
                    + ";DB_CLOSE_DELAY=0"));
        }
        return list;
    }

    private List<Connection> all() {
        List<Connection> all = new ArrayList<>(nodes);
        all.add(whole);
        return all;
    }

    /** Values with nulls in every nullable column, duplicates for DISTINCT and GROUP BY, and ties for ORDER BY. */
    private static Object[] row(int id, Random r) {
        return new Object[] {
            id,
            r.nextInt(10) == 0 ? null : r.nextInt(6),
            r.nextInt(8) == 0 ? null : "g" + r.nextInt(4),
            r.nextInt(7) == 0 ? null : r.nextInt(2001) - 1000,
            r.nextInt(7) == 0 ? null : (long) r.nextInt(1_000_000) * 1_000_003L,
            r.nextInt(7) == 0 ? null : BigDecimal.valueOf(r.nextInt(200_000) - 100_000, 2),
            r.nextInt(7) == 0 ? null : (r.nextInt(4000) - 2000) / 8.0,
            r.nextInt(7) == 0 ? null : (float) (r.nextInt(100) / 4.0),
            r.nextInt(7) == 0 ? null : "s" + r.nextInt(30),
            r.nextInt(7) == 0 ? null : Date.valueOf(java.time.LocalDate.of(2020, 1, 1).plusDays(r.nextInt(60))),
            r.nextInt(7) == 0 ? null : Timestamp.valueOf(java.time.LocalDateTime.of(2021, 3, 1, 0, 0)
                    .plusSeconds(r.nextInt(100_000)).plusNanos(r.nextInt(3) * 120_000_000L)),
            r.nextInt(7) == 0 ? null : new byte[] {(byte) r.nextInt(256), (byte) r.nextInt(4)},
            r.nextInt(7) == 0 ? null : r.nextBoolean(),
        };
    }

    private static void insert(Connection c, Object[] row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (int i = 0; i < row.length; i++) {
                ps.setObject(i + 1, row[i]);
            }
            ps.executeUpdate();
        }
    }

    /** Runs {@code nodeSql} on every node and merges the results. */
    ResultSet merged(String nodeSql, MergeSpec spec) throws SQLException {
        return ResultSetMerger.merge(nodeResults(nodeSql), spec, null);
    }

    List<ResultSet> nodeResults(String nodeSql) throws SQLException {
        List<ResultSet> results = new ArrayList<>();
        for (Connection c : nodes) {
            results.add(c.createStatement().executeQuery(nodeSql));
        }
        return results;
    }

    ResultSet direct(String sql) throws SQLException {
        return whole.createStatement().executeQuery(sql);
    }

    /** All rows as lists of getObject values, byte arrays as lists so that equals compares content. */
    static List<List<Object>> rows(ResultSet rs) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                Object v = rs.getObject(i);
                if (v instanceof byte[] b) {
                    List<Byte> bytes = new ArrayList<>();
                    for (byte x : b) {
                        bytes.add(x);
                    }
                    v = bytes;
                }
                row.add(v);
            }
            rows.add(row);
        }
        rs.close();
        return rows;
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : all()) {
            c.close();
        }
    }
}
