package io.shardwise.bench.migration;

import io.shardwise.MigrationInfo;
import io.shardwise.ShardwiseAdmin;
import io.shardwise.ShardwiseConnection;
import io.shardwise.ShardwiseDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Issue 3's migration benchmark on H2 in-memory nodes, one JVM, one run:
 * <ol>
 *   <li>copy rate of a shard move (rows/s, whole move with no writers) against node B's raw batch-insert rate
 *       (same rows, same batch size, plain JDBC);</li>
 *   <li>p50/p99 latency of point updates through the driver on the moving shard, before and during a move;</li>
 *   <li>the cutover freeze (p50/p99/max) over many moves back and forth under that write load.</li>
 * </ol>
 * Arguments (all optional, key=value): rows (copy test, default 200000), writers (default 4), moves (default 24),
 * freeze-rows (rows of the shard moved back and forth, default 5000), seconds (latency phases, default 5),
 * rate (the writers' total point updates per second, paced; 0 = as fast as they can, default 2000), report (a
 * Markdown file to write).
 */
public final class MigrationBench {
    private static final String PAD = "x".repeat(48);

    private final int rows;
    private final int writers;
    private final int moves;
    private final int freezeRows;
    private final int seconds;
    private final int rate;

    private MigrationBench(int rows, int writers, int moves, int freezeRows, int seconds, int rate) {
        this.rate = rate;
        this.rows = rows;
        this.writers = writers;
        this.moves = moves;
        this.freezeRows = freezeRows;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> a = new java.util.HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                a.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        MigrationBench b = new MigrationBench(Integer.parseInt(a.getOrDefault("rows", "200000")),
                Integer.parseInt(a.getOrDefault("writers", "4")), Integer.parseInt(a.getOrDefault("moves", "24")),
                Integer.parseInt(a.getOrDefault("freeze-rows", "5000")),
                Integer.parseInt(a.getOrDefault("seconds", "5")), Integer.parseInt(a.getOrDefault("rate", "2000")));
        String report = b.run();
        System.out.println(report);
        if (a.containsKey("report")) {
            Files.writeString(Path.of(a.get("report")), report);
        }
    }

    private String run() throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("Migration benchmark, ").append(Instant.now()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append("\n\n");
        // 1. copy rate vs raw insert rate
        double raw = rawInsertRate();
        double copy = copyRate();
        out.append(String.format("| copy | rows/s |%n|---|---|%n| raw batch insert into B (%d rows, batches of 500)"
                + " | %.0f |%n| shard move A -> B, whole move, no writers (%d rows) | %.0f |%n| ratio | %.2f |%n%n",
                rows, raw, rows, copy, copy / raw));
        // 2. latency before and during a move that is throttled to last about `seconds`
        long[] before;
        long[] during;
        Cluster slow = new Cluster(freezeRows, Math.max(100, freezeRows / Math.max(1, seconds)));
        try (Connection conn = slow.ds.getConnection()) {
            ShardwiseAdmin admin = conn.unwrap(ShardwiseConnection.class).admin();
            Load load = new Load(slow.ds, writers, freezeRows, rate);
            load.start();
            Thread.sleep(1000); // warm-up
            load.reset();
            Thread.sleep(seconds * 1000L);
            before = load.reset();
            MigrationInfo m = admin.moveShardAsync(1, "n2");
            waitDone(admin, m.id());
            during = load.reset();
            load.stop();
            out.append(String.format("| point UPDATE through the driver, %d writers, %s, shard of %d rows | p50 µs"
                    + " | p99 µs | ops |%n|---|---|---|---|%n", writers, rate > 0 ? rate + " ops/s in total"
                    : "as fast as they can", freezeRows));
            out.append(row("before any move", before));
            out.append(row("during a move (copy throttled to last ~" + seconds + " s, catch-up, cutover)", during));
            out.append(String.format("| p99 ratio during/before | %.2f | | |%n%n",
                    (double) pct(during, 0.99) / Math.max(1, pct(before, 0.99))));
            out.append("write errors: ").append(load.errors.get()).append("\n\n");
        } finally {
            slow.close();
        }
        // 3. the freeze over many unthrottled moves back and forth under the same write load
        Cluster c = new Cluster(freezeRows, 0);
        try (Connection conn = c.ds.getConnection()) {
            ShardwiseAdmin admin = conn.unwrap(ShardwiseConnection.class).admin();
            Load load = new Load(c.ds, writers, freezeRows, rate);
            load.start();
            Thread.sleep(1000);
            List<Long> freezes = new ArrayList<>();
            String node = "n2";
            for (int i = 0; i < moves; i++) {
                MigrationInfo mi = admin.moveShard(1, node);
                freezes.add(mi.freezeMillis());
                node = node.equals("n1") ? "n2" : "n1";
            }
            load.stop();
            long[] f = freezes.stream().mapToLong(Long::longValue).sorted().toArray();
            out.append(String.format("| cutover freeze over %d moves under load (%d writers, " + (rate > 0 ? rate
                    + " ops/s" : "unpaced") + ") | ms |%n|---|---|%n"
                    + "| p50 | %d |%n| p99 | %d |%n| max | %d |%n", f.length, writers, pct(f, 0.5), pct(f, 0.99),
                    f[f.length - 1]));
            out.append("\nwrite errors: ").append(load.errors.get())
                    .append(" (SQLTransientException: frozen longer than migration.freeze-timeout)\n");
        } finally {
            c.close();
        }
        return out.toString();
    }

    private static String row(String name, long[] lat) {
        return String.format("| %s | %d | %d | %d |%n", name, pct(lat, 0.5) / 1000, pct(lat, 0.99) / 1000, lat.length);
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void waitDone(ShardwiseAdmin admin, long id) throws Exception {
        while (true) {
            for (MigrationInfo m : admin.migrations()) {
                if (m.id() == id && !m.state().equals("COPYING") && !m.state().equals("CATCHING_UP")
                        && !m.state().equals("CUTOVER") && !m.state().equals("PREPARING")) {
                    if (!m.state().equals("CLEANUP") && !m.state().equals("DONE")) {
                        throw new IllegalStateException("move failed: " + m);
                    }
                    return;
                }
            }
            Thread.sleep(20);
        }
    }

    private double rawInsertRate() throws SQLException {
        String url = "jdbc:h2:mem:raw" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE m (k BIGINT PRIMARY KEY, v BIGINT, pad VARCHAR(64))");
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO m (k, v, pad) VALUES (?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    ps.setLong(1, i);
                    ps.setLong(2, i * 7L);
                    ps.setString(3, PAD);
                    ps.addBatch();
                    if (i % 500 == 499) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
            double rate = rows / ((System.nanoTime() - t0) / 1e9);
            s.execute("SHUTDOWN");
            return rate;
        }
    }

    private double copyRate() throws Exception {
        Cluster c = new Cluster(rows, 0);
        try (Connection conn = c.ds.getConnection()) {
            ShardwiseAdmin admin = conn.unwrap(ShardwiseConnection.class).admin();
            long t0 = System.nanoTime();
            MigrationInfo m = admin.moveShard(1, "n2");
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (m.rowsCopied() != rows) {
                throw new IllegalStateException("copied " + m.rowsCopied() + " of " + rows);
            }
            return rows / seconds;
        } finally {
            c.close();
        }
    }

    /** Two in-memory H2 nodes behind the driver; shard 1 = keys below 1e9 on n1 holds {@code rows} rows. */
    private static final class Cluster implements AutoCloseable {
        final String prefix = "mb" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        final ShardwiseDataSource ds;
        final Properties props = new Properties();

        Cluster(int rows, int copyRate) throws SQLException {
            props.setProperty("nodes", "n1,n2");
            props.setProperty("node.n1.url", "jdbc:h2:mem:" + prefix + "n1;DB_CLOSE_DELAY=-1");
            props.setProperty("node.n2.url", "jdbc:h2:mem:" + prefix + "n2;DB_CLOSE_DELAY=-1");
            props.setProperty("user", "sa");
            props.setProperty("password", "");
            props.setProperty("table.m.shard-key", "k");
            props.setProperty("group.m.strategy", "range");
            props.setProperty("group.m.split-points", "1000000000");
            props.setProperty("migration.cleanup-delay", "0");
            props.setProperty("migration.copy-rate", Integer.toString(copyRate));
            props.setProperty("node.n1.pool.maximumPoolSize", "16");
            props.setProperty("node.n2.pool.maximumPoolSize", "16");
            ds = new ShardwiseDataSource("jdbc:shardwise:");
            ds.setProperties(props);
            try (Connection d = DriverManager.getConnection("jdbc:h2:mem:" + prefix + "n1;DB_CLOSE_DELAY=-1", "sa", "");
                 Statement s = d.createStatement()) {
                s.execute("CREATE TABLE m (k BIGINT PRIMARY KEY, v BIGINT, pad VARCHAR(64))");
                s.execute("INSERT INTO m SELECT X, X * 7, '" + PAD + "' FROM SYSTEM_RANGE(0, " + (rows - 1) + ")");
            }
            try (Connection d = DriverManager.getConnection("jdbc:h2:mem:" + prefix + "n2;DB_CLOSE_DELAY=-1", "sa", "");
                 Statement s = d.createStatement()) {
                s.execute("CREATE TABLE m (k BIGINT PRIMARY KEY, v BIGINT, pad VARCHAR(64))");
            }
        }

        @Override
        public void close() throws Exception {
            ds.close();
            for (String n : new String[] {"n1", "n2"}) {
                try (Connection d = DriverManager.getConnection("jdbc:h2:mem:" + prefix + n + ";DB_CLOSE_DELAY=-1",
                        "sa", ""); Statement s = d.createStatement()) {
                    s.execute("SHUTDOWN");
                }
            }
        }
    }

    /** Writers doing autocommit point updates on random keys of shard 1, recording each latency. */
    private static final class Load {
        final ShardwiseDataSource ds;
        final int threads;
        final int keys;
        final AtomicBoolean stop = new AtomicBoolean();
        final java.util.concurrent.atomic.AtomicLong errors = new java.util.concurrent.atomic.AtomicLong();
        final List<Thread> running = new ArrayList<>();
        private final List<long[]> buffers = new ArrayList<>();
        private final int[] counts;

        final double perThreadNanos;

        Load(ShardwiseDataSource ds, int threads, int keys, int rate) {
            this.perThreadNanos = rate <= 0 ? 0 : 1e9 * threads / rate;
            this.ds = ds;
            this.threads = threads;
            this.keys = keys;
            this.counts = new int[threads];
            for (int i = 0; i < threads; i++) {
                buffers.add(new long[2_000_000]);
            }
        }

        void start() {
            for (int i = 0; i < threads; i++) {
                int id = i;
                Thread t = new Thread(() -> loop(id), "bench-writer-" + i);
                t.setDaemon(true);
                running.add(t);
                t.start();
            }
        }

        private void loop(int id) {
            Random rnd = new Random(id);
            try (Connection c = ds.getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE m SET v = v + 1 WHERE k = ?")) {
                long next = System.nanoTime();
                while (!stop.get()) {
                    if (perThreadNanos > 0) {
                        next += (long) perThreadNanos;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                    ps.setLong(1, rnd.nextInt(keys));
                    long t0 = System.nanoTime();
                    try {
                        ps.executeUpdate();
                    } catch (SQLTransientException e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    long ns = System.nanoTime() - t0;
                    synchronized (this) {
                        long[] b = buffers.get(id);
                        if (counts[id] < b.length) {
                            b[counts[id]++] = ns;
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The latencies since the last reset, sorted; starts a new window. */
        synchronized long[] reset() {
            int total = 0;
            for (int n : counts) {
                total += n;
            }
            long[] all = new long[total];
            int at = 0;
            for (int i = 0; i < threads; i++) {
                System.arraycopy(buffers.get(i), 0, all, at, counts[i]);
                at += counts[i];
                counts[i] = 0;
            }
            Arrays.sort(all);
            return all;
        }

        void stop() throws InterruptedException {
            stop.set(true);
            for (Thread t : running) {
                t.join(10_000);
            }
        }
    }
}
