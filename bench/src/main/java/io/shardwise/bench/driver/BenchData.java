package io.shardwise.bench.driver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmark's schema and rows. Every target gets exactly the same rows: row {@code i} is a pure function of
 * {@code i}. {@code bench_t} is read and updated; {@code bench_ins} only receives the batched inserts and is emptied
 * between measurement windows so it never grows large.
 */
public final class BenchData {

    public static final String TABLE = "bench_t";
    public static final String INSERT_TABLE = "bench_ins";
    public static final String H2_USER = "sa";
    public static final String H2_PASSWORD = "";
    /** Values of column k are 0..K_VALUES-1; the scatter aggregate filters on k, a non-key column. */
    public static final int K_VALUES = 100;

    private static final String COLUMNS = "(id BIGINT NOT NULL PRIMARY KEY, k INT NOT NULL, v BIGINT NOT NULL,"
            + " pad VARCHAR(64) NOT NULL)";
    private static final int LOAD_BATCH = 500;

    private BenchData() {
    }

    /** An in-memory H2 database that lives until the JVM exits, private to this benchmark run. */
    public static String h2Url(String database) {
        return "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1";
    }

    /** Creates both tables directly on an H2 node (before any driver connects: drivers check the schema). */
    public static void createSchema(String h2Url) throws SQLException {
        try (Connection c = DriverManager.getConnection(h2Url, H2_USER, H2_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + TABLE + " " + COLUMNS);
            s.execute("CREATE TABLE " + INSERT_TABLE + " " + COLUMNS);
        }
    }

    /** Empties the insert table directly on an H2 node: between windows, outside any timing. */
    public static void truncateInsertTable(String h2Url) throws SQLException {
        try (Connection c = DriverManager.getConnection(h2Url, H2_USER, H2_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("TRUNCATE TABLE " + INSERT_TABLE);
        }
    }

    /** Loads rows 0..rows-1 through the given connection, i.e. through the system under test's own routing. */
    public static void load(Connection c, int rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + TABLE + " (id, k, v, pad) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < rows; i++) {
                ps.setLong(1, i);
                ps.setInt(2, k(i));
                ps.setLong(3, v(i));
                ps.setString(4, pad(i));
                ps.addBatch();
                if ((i + 1) % LOAD_BATCH == 0 || i == rows - 1) {
                    ps.executeBatch();
                }
            }
        }
    }

    static int k(long id) {
        return (int) Long.remainderUnsigned(mix(id), K_VALUES);
    }

    static long v(long id) {
        return Long.remainderUnsigned(mix(id ^ 0x5DEECE66DL), 1_000_000L);
    }

    static String pad(long id) {
        return "row-" + id + "-abcdefghijklmnopqrstuvwxyz";
    }

    /** SplitMix64's finaliser: a cheap, well-spread pure function. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
