package io.shardwise.driver.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardwise.MigrationInfo;
import io.shardwise.ShardwiseConnection;
import io.shardwise.ShardwiseDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The torture test of issue 3, through the driver: 8 writer threads do inserts, deletes, {@code SET n = n + 1} and
 * {@code SET s = s || 'x'} on keys inside and outside the moving shard, in autocommit and in multi-statement
 * transactions (some rolled back), while shard 1 moves n1 -> n2 and straight back n2 -> n1. Each writer owns its keys
 * and logs its acknowledged writes; afterwards the rows on the nodes, read with plain H2 connections, must be exactly
 * what the logs imply (nothing lost, nothing doubled), and no connection ever read a value older than its own last
 * acknowledged write.
 */
class MigrationTortureTest {
    private static final int WRITERS = 8;
    private static final int KEYS = 1000;

    private final String prefix = "torture_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        Collections.reverse(closing);
        for (AutoCloseable c : closing) {
            c.close();
        }
        for (String n : new String[] {"n1", "n2"}) {
            try (Connection c = direct(n); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
    }

    private Connection direct(String node) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:mem:" + prefix + node + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    private ShardwiseDataSource dataSource() {
        Properties p = new Properties();
        p.setProperty("nodes", "n1,n2");
        p.setProperty("node.n1.url", "jdbc:h2:mem:" + prefix + "n1;DB_CLOSE_DELAY=-1");
        p.setProperty("node.n2.url", "jdbc:h2:mem:" + prefix + "n2;DB_CLOSE_DELAY=-1");
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        p.setProperty("table.acct.shard-key", "k");
        p.setProperty("group.acct.strategy", "range");
        p.setProperty("group.acct.split-points", "500");
        p.setProperty("node.n1.pool.maximumPoolSize", "20");
        p.setProperty("node.n2.pool.maximumPoolSize", "20");
        p.setProperty("migration.cleanup-delay", "0");
        p.setProperty("migration.copy-rate", "5000");
        p.setProperty("migration.batch-size", "50");
        ShardwiseDataSource ds = new ShardwiseDataSource("jdbc:shardwise:");
        ds.setProperties(p);
        closing.add(ds);
        return ds;
    }

    @Test
    void writersLoseNothingAndDoubleNothingWhileAShardMovesThereAndBack() throws Exception {
        ShardwiseDataSource ds = dataSource();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE acct (k BIGINT PRIMARY KEY, n INT NOT NULL, s VARCHAR(1000) NOT NULL)");
            for (int k = 0; k < KEYS; k += 2) {
                s.executeUpdate("INSERT INTO acct (k, n, s) VALUES (" + k + ", 0, '')");
            }
        }
        Writer[] writers = new Writer[WRITERS];
        List<Thread> threads = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        for (int i = 0; i < WRITERS; i++) {
            writers[i] = new Writer(i, ds, stop);
            Thread t = new Thread(writers[i], "torture-writer-" + i);
            threads.add(t);
            t.start();
        }
        List<MigrationInfo> moves = new ArrayList<>();
        try (Connection admin = ds.getConnection(); Statement s = admin.createStatement()) {
            Thread.sleep(700);
            try (ResultSet rs = s.executeQuery("SHARDWISE MOVE SHARD 1 TO n2")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("STATE")).isIn("CLEANUP", "DONE");
                assertThat(rs.getString("TO_NODE")).isEqualTo("n2");
            }
            Thread.sleep(500);
            moves.add(admin.unwrap(ShardwiseConnection.class).admin().moveShard(1, "n1"));
            Thread.sleep(500);
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
        assertThat(moves.get(0).state()).isIn("CLEANUP", "DONE");

        List<String> problems = new ArrayList<>();
        long acknowledged = 0;
        long rolledBack = 0;
        long transientErrors = 0;
        Map<Long, String> expected = new TreeMap<>();
        for (Writer w : writers) {
            problems.addAll(w.problems);
            acknowledged += w.acknowledged.get();
            rolledBack += w.rolledBack.get();
            transientErrors += w.transientErrors.get();
            for (Map.Entry<Long, long[]> e : w.model.entrySet()) {
                expected.put(e.getKey(), e.getValue()[0] + "|" + w.text.get(e.getKey()));
            }
        }
        // initial rows of keys no writer touched are still n = 0
        for (long k = 0; k < KEYS; k += 2) {
            if (!writers[(int) (k % WRITERS)].touched.contains(k)) {
                expected.put(k, "0|");
            }
        }
        assertThat(problems).isEmpty();
        assertThat(acknowledged).as("acknowledged writes").isGreaterThan(1000);
        assertThat(rolledBack).isGreaterThan(0);

        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // the moves and both cleanups are done
            org.awaitility.Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> {
                try (ResultSet rs = s.executeQuery("SHOW SHARDWISE MIGRATIONS")) {
                    int done = 0;
                    while (rs.next()) {
                        done += rs.getString("STATE").equals("DONE") ? 1 : 0;
                    }
                    return done == 2;
                }
            });
            try (ResultSet rs = s.executeQuery("SHOW SHARDWISE SHARDS")) {
                while (rs.next()) {
                    assertThat(rs.getString("STATE")).isEqualTo("STABLE");
                    assertThat(rs.getString("NODE")).isEqualTo(rs.getLong("SHARD_ID") == 1 ? "n1" : "n2");
                }
            }
        }
        Map<Long, String> actual = new TreeMap<>();
        rows("n1", actual, k -> k < 500);
        rows("n2", actual, k -> k >= 500);
        assertThat(actual).isEqualTo(expected);
        try (Connection c = direct("n2"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM acct WHERE k < 500")) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows of shard 1 left on n2 after cleanup").isZero();
        }
        System.out.printf("torture: %d acknowledged writes, %d rolled-back transactions, %d transient errors%n",
                acknowledged, rolledBack, transientErrors);
    }

    private void rows(String node, Map<Long, String> into, java.util.function.LongPredicate owned)
            throws SQLException {
        try (Connection c = direct(node); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT k, n, s FROM acct")) {
            while (rs.next()) {
                long k = rs.getLong(1);
                if (owned.test(k)) {
                    String prev = into.put(k, rs.getLong(2) + "|" + rs.getString(3));
                    assertThat(prev).as("key %d on two nodes", k).isNull();
                }
            }
        }
    }

    /** One application thread with its own connection, its own keys and its own log of acknowledged writes. */
    private static final class Writer implements Runnable {
        final int id;
        final ShardwiseDataSource ds;
        final AtomicBoolean stop;
        final Map<Long, long[]> model = new HashMap<>();
        final Map<Long, String> text = new HashMap<>();
        final java.util.Set<Long> touched = new java.util.HashSet<>();
        final List<String> problems = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong rolledBack = new AtomicLong();
        final AtomicLong transientErrors = new AtomicLong();

        Writer(int id, ShardwiseDataSource ds, AtomicBoolean stop) {
            this.id = id;
            this.ds = ds;
            this.stop = stop;
            for (long k = id; k < KEYS; k += WRITERS) {
                if (k % 2 == 0) {
                    model.put(k, new long[] {0});
                    text.put(k, "");
                }
            }
        }

        @Override
        public void run() {
            Random rnd = new Random(1000 + id);
            try (Connection c = ds.getConnection()) {
                while (!stop.get()) {
                    boolean tx = rnd.nextInt(3) == 0;
                    c.setAutoCommit(!tx);
                    int statements = tx ? 1 + rnd.nextInt(4) : 1;
                    boolean rollback = tx && rnd.nextInt(4) == 0;
                    Map<Long, long[]> pending = new HashMap<>();
                    Map<Long, String> pendingText = new HashMap<>();
                    try {
                        for (int i = 0; i < statements; i++) {
                            long k = (long) rnd.nextInt(KEYS / WRITERS) * WRITERS + id;
                            write(c, rnd, k, pending, pendingText, !tx);
                        }
                        if (tx) {
                            if (rollback) {
                                c.rollback();
                                rolledBack.incrementAndGet();
                            } else {
                                c.commit();
                                for (Map.Entry<Long, long[]> e : pending.entrySet()) {
                                    apply(e.getKey(), e.getValue(), pendingText.get(e.getKey()));
                                    check(c, e.getKey());
                                }
                            }
                        }
                    } catch (SQLTransientException e) {
                        transientErrors.incrementAndGet();
                        if (tx) {
                            c.rollback();
                        }
                    }
                }
            } catch (Throwable e) {
                problems.add("writer " + id + " died: " + e);
            }
        }

        private void apply(long k, long[] n, String s) {
            touched.add(k);
            if (n == null) {
                model.remove(k);
                text.remove(k);
            } else {
                model.put(k, n);
                text.put(k, s);
            }
            acknowledged.incrementAndGet();
        }

        private void write(Connection c, Random rnd, long k, Map<Long, long[]> pending, Map<Long, String> pendingText,
                           boolean autoCommit) throws SQLException {
            long[] cur = pending.containsKey(k) ? pending.get(k) : model.get(k);
            String curText = pendingText.containsKey(k) ? pendingText.get(k) : text.get(k);
            String sql;
            long[] next;
            String nextText;
            if (cur == null) {
                sql = "INSERT INTO acct (k, n, s) VALUES (?, 0, '')";
                next = new long[] {0};
                nextText = "";
            } else {
                int r = rnd.nextInt(10);
                if (r < 2) {
                    sql = "DELETE FROM acct WHERE k = ?";
                    next = null;
                    nextText = null;
                } else if (r < 6 || curText.length() >= 900) {
                    sql = "UPDATE acct SET n = n + 1 WHERE k = ?";
                    next = new long[] {cur[0] + 1};
                    nextText = curText;
                } else {
                    sql = "UPDATE acct SET s = s || 'x' WHERE k = ?";
                    next = cur;
                    nextText = curText + "x";
                }
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, k);
                int changed = ps.executeUpdate();
                if (changed != 1) {
                    problems.add(sql + " for key " + k + " changed " + changed + " rows");
                }
            }
            if (autoCommit) {
                apply(k, next, nextText);
                check(c, k);
            } else {
                pending.put(k, next);
                pendingText.put(k, nextText);
            }
        }

        /** Read-your-writes through the driver: the connection sees its own last acknowledged write of the key. */
        private void check(Connection c, long k) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT n, s FROM acct WHERE k = ?")) {
                ps.setLong(1, k);
                try (ResultSet rs = ps.executeQuery()) {
                    long[] want = model.get(k);
                    if (want == null) {
                        if (rs.next()) {
                            problems.add("key " + k + " was deleted but a read still found it");
                        }
                    } else if (!rs.next()) {
                        problems.add("key " + k + " was written but a read did not find it");
                    } else if (rs.getLong(1) != want[0] || !rs.getString(2).equals(text.get(k))) {
                        problems.add("key " + k + " read n=" + rs.getLong(1) + " after writing n=" + want[0]);
                    }
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }
}
