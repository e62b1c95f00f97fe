package io.shardwise.router.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writers that behave like the driver's write path (route by the current topology, call the write session before
 * each write, release at transaction end) on table {@code acct(k BIGINT PRIMARY KEY, n INT, s VARCHAR)} of RANGE
 * group {@code g}. Each writer owns the keys {@code k % writers == id}, so its own log of acknowledged writes fully
 * determines those keys' final rows: the oracle the tests compare the nodes with.
 */
final class Workload {
    static final String DDL = "CREATE TABLE acct (k BIGINT PRIMARY KEY, n INT NOT NULL, s VARCHAR(4000) NOT NULL)";

    final MigrationEngine engine;
    final TestTopology topology;
    final H2Nodes nodes;
    final int writers;
    final long keys;
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong transientErrors = new AtomicLong();
    final AtomicLong readChecks = new AtomicLong();
    final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<Map<Long, long[]>> models = new ArrayList<>();
    final List<Map<Long, String>> strings = new ArrayList<>();

    Workload(MigrationEngine engine, TestTopology topology, H2Nodes nodes, int writers, long keys) {
        this.engine = engine;
        this.topology = topology;
        this.nodes = nodes;
        this.writers = writers;
        this.keys = keys;
        for (int i = 0; i < writers; i++) {
            models.add(new TreeMap<>());
            strings.add(new HashMap<>());
        }
    }

    List<Thread> start() {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int id = i;
            Thread t = new Thread(() -> runWriter(id), "writer-" + i);
            t.start();
            threads.add(t);
        }
        return threads;
    }

    void stopAndJoin(List<Thread> threads) throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(30_000);
        }
    }

    private void runWriter(int id) {
        Random rnd = new Random(42 + id);
        Map<String, Connection> physical = new HashMap<>();
        MigrationWriteSession session = new MigrationWriteSession(engine);
        Map<Long, long[]> model = models.get(id);
        Map<Long, String> text = strings.get(id);
        try {
            while (!stop.get()) {
                boolean tx = rnd.nextInt(3) == 0;
                int statements = tx ? 1 + rnd.nextInt(4) : 1;
                boolean rollback = tx && rnd.nextInt(4) == 0;
                Map<Long, long[]> pending = new HashMap<>();
                Map<Long, String> pendingText = new HashMap<>();
                try {
                    for (Connection c : physical.values()) {
                        c.setAutoCommit(!tx);
                    }
                    for (int s = 0; s < statements; s++) {
                        long k = (rnd.nextLong(keys / writers)) * writers + id;
                        step(k, rnd, physical, session, model, text, pending, pendingText, !tx);
                    }
                    if (tx) {
                        for (Connection c : physical.values()) {
                            if (rollback) {
                                c.rollback();
                            } else {
                                c.commit();
                            }
                        }
                        session.afterTransaction();
                        if (!rollback) {
                            apply(model, text, pending, pendingText);
                        }
                    }
                } catch (SQLTransientException e) {
                    transientErrors.incrementAndGet();
                    for (Connection c : physical.values()) {
                        if (!c.getAutoCommit()) {
                            c.rollback();
                        }
                    }
                    session.afterTransaction();
                }
            }
        } catch (Throwable e) {
            violations.add("writer " + id + " died: " + e);
            e.printStackTrace();
        } finally {
            session.afterTransaction();
            for (Connection c : physical.values()) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // test teardown
                }
            }
        }
    }

    private static void apply(Map<Long, long[]> model, Map<Long, String> text, Map<Long, long[]> pending,
                              Map<Long, String> pendingText) {
        for (Map.Entry<Long, long[]> e : pending.entrySet()) {
            if (e.getValue() == null) {
                model.remove(e.getKey());
                text.remove(e.getKey());
            } else {
                model.put(e.getKey(), e.getValue());
                text.put(e.getKey(), pendingText.get(e.getKey()));
            }
        }
    }

    /** One write, routed like the driver does it; retried after a stale route (nothing was executed then). */
    private void step(long k, Random rnd, Map<String, Connection> physical, MigrationWriteSession session,
                      Map<Long, long[]> model, Map<Long, String> text, Map<Long, long[]> pending,
                      Map<Long, String> pendingText, boolean autocommit) throws SQLException {
        long[] current = pending.containsKey(k) ? pending.get(k) : model.get(k);
        String currentText = pendingText.containsKey(k) ? pendingText.get(k) : text.get(k);
        String sql;
        String op;
        long[] next;
        String nextText;
        if (current == null) {
            op = "INSERT";
            sql = "INSERT INTO acct (k, n, s) VALUES (?, 0, '')";
            next = new long[] {0};
            nextText = "";
        } else {
            int r = rnd.nextInt(10);
            if (r < 2) {
                op = "DELETE";
                sql = "DELETE FROM acct WHERE k = ?";
                next = null;
                nextText = null;
            } else if (r < 6) {
                op = "UPDATE";
                sql = "UPDATE acct SET n = n + 1 WHERE k = ?";
                next = new long[] {current[0] + 1};
                nextText = currentText;
            } else {
                op = "UPDATE";
                sql = "UPDATE acct SET s = s || 'x' WHERE k = ?";
                next = current;
                nextText = currentText.length() > 200 ? currentText : currentText + "x";
                if (currentText.length() > 200) {
                    sql = "UPDATE acct SET n = n + 1 WHERE k = ?";
                    next = new long[] {current[0] + 1};
                }
            }
        }
        while (true) {
            TestTopology.TShard shard = topology.shardFor("g", k);
            String node = shard.owner();
            Connection c = physical.get(node);
            if (c == null) {
                c = nodes.open(node);
                c.setAutoCommit(autocommit);
                physical.put(node, c);
            }
            try {
                session.beforeWrite(node, c, shard.id(), "acct", k, k, op, sql);
            } catch (StaleRouteException stale) {
                continue;
            }
            int updated;
            boolean ok = false;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, k);
                updated = ps.executeUpdate();
                ok = true;
            } finally {
                if (autocommit) {
                    session.afterStatement(ok);
                }
            }
            if (updated != 1) {
                violations.add(op + " of key " + k + " changed " + updated + " rows on " + node + " (expected 1)");
            }
            break;
        }
        if (autocommit) {
            if (next == null) {
                model.remove(k);
                text.remove(k);
            } else {
                model.put(k, next);
                text.put(k, nextText);
            }
            acknowledged.incrementAndGet();
            checkRead(k, next, nextText, physical);
        } else {
            pending.put(k, next);
            pendingText.put(k, nextText);
        }
    }

    /** Read-your-writes: a read routed by the current topology sees this connection's acknowledged write. */
    private void checkRead(long k, long[] expected, String expectedText, Map<String, Connection> physical)
            throws SQLException {
        String node = topology.ownerOf("g", k);
        Connection c = physical.get(node);
        if (c == null) {
            c = nodes.open(node);
            physical.put(node, c);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT n, s FROM acct WHERE k = ?")) {
            ps.setLong(1, k);
            try (ResultSet rs = ps.executeQuery()) {
                boolean found = rs.next();
                if (expected == null ? found : !found || rs.getLong(1) != expected[0]
                        || !rs.getString(2).equals(expectedText)) {
                    violations.add("read of key " + k + " on " + node + " did not see the acknowledged write");
                }
            }
        }
        readChecks.incrementAndGet();
    }

    /** What the writers' logs imply, as sorted "k|n|s" rows. */
    List<String> expectedRows() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            for (Map.Entry<Long, long[]> e : models.get(i).entrySet()) {
                rows.add(e.getKey() + "|" + e.getValue()[0] + "|" + strings.get(i).get(e.getKey()));
            }
        }
        rows.sort(null);
        return rows;
    }

    /** What the nodes hold: each key's row taken from the node that owns it (direct SQL, not the engine). */
    List<String> actualRows(String... nodeNames) throws SQLException {
        List<String> rows = new ArrayList<>();
        for (String node : nodeNames) {
            for (String row : nodes.rows(node, "SELECT k, n, s FROM acct")) {
                long k = Long.parseLong(row.substring(0, row.indexOf('|')));
                if (topology.ownerOf("g", k).equals(node)) {
                    rows.add(row);
                }
            }
        }
        rows.sort(null);
        return rows;
    }
}
