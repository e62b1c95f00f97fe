package io.shardwise.examples.demo;

import io.shardwise.DecisionInfo;
import io.shardwise.MigrationInfo;
import io.shardwise.ShardInfo;
import io.shardwise.ShardwiseConnection;
import io.shardwise.ShardwiseDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The re-sharding story on three embedded H2 nodes, in compressed time: devices write readings; the busy region of
 * devices moves across the key space over a "day" of a few seconds, and the total load follows a daily cycle. The
 * same seeded workload runs three times: static sharding, the reactive controller and the predictive one. Each run
 * ends with a check that every acknowledged write is on the nodes (counts per device on the nodes directly = the
 * demo's own log of acknowledged writes). Writes an HTML report (inline SVG, no network).
 */
public final class ReshardingDemo {
    static final int DEVICES = 600;
    static final long STRIDE = Long.MAX_VALUE / 300; // devices spread over the whole key space
    static final long DAY_MILLIS = 5_000;
    static final long RUN_MILLIS = 3 * DAY_MILLIS;
    static final long SAMPLE_MILLIS = 250;
    static final String[] NODES = {"n1", "n2", "n3"};

    static long key(int device) {
        return (device - 300L) * STRIDE + STRIDE / 2;
    }

    /** What one run measured. */
    record Run(String name, List<double[]> loadPerSample, List<Double> imbalance, long[] latenciesMicros,
               long acknowledged, List<ShardInfo> before, List<ShardInfo> after, List<MigrationInfo> migrations,
               Map<Long, List<String[]>> timelines, List<DecisionInfo> decisions, boolean verified,
               String verification) {
        double p99Millis() {
            long[] l = latenciesMicros.clone();
            Arrays.sort(l);
            return l.length == 0 ? 0 : l[(int) Math.min(l.length - 1, Math.floor(l.length * 0.99))] / 1000.0;
        }

        double shareAbove(double threshold) {
            long n = imbalance.stream().filter(x -> x > threshold).count();
            return imbalance.isEmpty() ? 0 : (double) n / imbalance.size();
        }

        double maxImbalance() {
            return imbalance.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/resharding-demo.html");
        System.out.println("Shardwise re-sharding demo: 3 H2 nodes, " + DEVICES + " devices, a day = "
                + DAY_MILLIS / 1000 + " s, " + RUN_MILLIS / DAY_MILLIS + " days per run");
        List<Run> runs = new ArrayList<>();
        for (String mode : new String[] {"static", "reactive", "predictive"}) {
            runs.add(run(mode));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, DemoReport.html(runs));
        System.out.println();
        System.out.printf("%-11s %8s %8s %12s %10s %8s%n", "run", "max imb", "p99 ms", ">1.3 share", "moves",
                "no loss");
        for (Run r : runs) {
            System.out.printf("%-11s %8.2f %8.2f %11.0f%% %10d %8s%n", r.name(), r.maxImbalance(), r.p99Millis(),
                    100 * r.shareAbove(1.3), r.migrations().size(), r.verified() ? "yes" : "NO");
        }
        System.out.println("report: " + out.toAbsolutePath());
        boolean ok = runs.stream().allMatch(Run::verified);
        if (!ok) {
            System.out.println("A WRITE WAS LOST OR DUPLICATED: see the report");
            System.exit(1);
        }
    }

    static Run run(String mode) throws Exception {
        String prefix = "demo_" + mode + "_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        Properties p = new Properties();
        p.setProperty("nodes", String.join(",", NODES));
        for (String n : NODES) {
            p.setProperty("node." + n + ".url", "jdbc:h2:mem:" + prefix + n + ";DB_CLOSE_DELAY=-1");
        }
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        p.setProperty("table.readings.shard-key", "device");
        p.setProperty("group.readings.strategy", "range");
        StringBuilder splits = new StringBuilder();
        for (int i = 100; i < DEVICES; i += 100) {
            splits.append(splits.length() == 0 ? "" : ",").append(key(i));
        }
        p.setProperty("group.readings.split-points", splits.toString());
        p.setProperty("profiler.bucket", SAMPLE_MILLIS + "ms");
        p.setProperty("profiler.step", "1");
        p.setProperty("profiler.history", "10m");
        p.setProperty("profiler.season", DAY_MILLIS + "ms");
        p.setProperty("migration.cleanup-delay", "0");
        if (!mode.equals("static")) {
            p.setProperty("resharding.enabled", "true");
            p.setProperty("resharding.mode", mode);
            p.setProperty("resharding.threshold", "1.3");
            p.setProperty("resharding.hysteresis", "4");
            p.setProperty("resharding.persist", mode.equals("reactive") ? "2" : "1");
        }
        System.out.println();
        System.out.println("== " + mode + (mode.equals("static") ? " (no controller)" : " controller"));
        ShardwiseDataSource ds = new ShardwiseDataSource("jdbc:shardwise:");
        ds.setProperties(p);
        AtomicLongArray acked = new AtomicLongArray(DEVICES);
        AtomicLongArray perDeviceThisSample = new AtomicLongArray(DEVICES);
        long[] nextSeq = new long[DEVICES];
        List<Long> latencies = new ArrayList<>();
        List<double[]> loads = new ArrayList<>();
        List<Double> imbalance = new ArrayList<>();
        Map<Long, List<String[]>> timelines = new LinkedHashMap<>();
        try (Connection admin = ds.getConnection(); Statement s = admin.createStatement()) {
            s.execute("CREATE TABLE readings (device BIGINT NOT NULL, seq BIGINT NOT NULL, v INT,"
                    + " PRIMARY KEY (device, seq))");
            ShardwiseConnection sc = admin.unwrap(ShardwiseConnection.class);
            List<ShardInfo> before = sc.admin().shards();
            AtomicBoolean stop = new AtomicBoolean();
            long start = System.currentTimeMillis();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                Thread t = new Thread(() -> write(ds, writer, start, stop, acked, perDeviceThisSample, nextSeq,
                        latencies), "demo-writer-" + w);
                t.start();
                writers.add(t);
            }
            long nextSample = start + SAMPLE_MILLIS;
            int lastDay = -1;
            while (System.currentTimeMillis() - start < RUN_MILLIS) {
                Thread.sleep(Math.max(1, nextSample - System.currentTimeMillis()));
                nextSample += SAMPLE_MILLIS;
                ShardMap map = new ShardMap(sc.admin().shards(), "readings");
                double[] perNode = new double[NODES.length];
                for (int d = 0; d < DEVICES; d++) {
                    long n = perDeviceThisSample.getAndSet(d, 0);
                    String owner = map.owner(key(d));
                    int idx = owner == null ? 0 : Arrays.asList(NODES).indexOf(owner);
                    perNode[idx] += n * 1000.0 / SAMPLE_MILLIS;
                }
                loads.add(perNode);
                double sum = Arrays.stream(perNode).sum();
                double max = Arrays.stream(perNode).max().orElse(0);
                imbalance.add(sum <= 0 ? 1.0 : max / (sum / NODES.length));
                long now = System.currentTimeMillis() - start;
                for (MigrationInfo m : sc.admin().migrations()) {
                    List<String[]> tl = timelines.computeIfAbsent(m.id(), k -> new ArrayList<>());
                    if (tl.isEmpty() || !tl.get(tl.size() - 1)[1].equals(m.state())) {
                        tl.add(new String[] {String.valueOf(now), m.state()});
                    }
                }
                int day = (int) (now / DAY_MILLIS);
                if (day != lastDay || loads.size() % 4 == 0) {
                    lastDay = day;
                    System.out.printf("  t=%5.1fs day %d %-5s load/s %s  imbalance %.2f  migrations %d%n",
                            now / 1000.0, day + 1, phaseName(now), Arrays.toString(Arrays.stream(perNode)
                                    .mapToLong(Math::round).toArray()), imbalance.get(imbalance.size() - 1),
                            sc.admin().migrations().size());
                }
            }
            stop.set(true);
            for (Thread t : writers) {
                t.join();
            }
            // let running moves finish so the check sees the final layout
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline && sc.admin().migrations().stream()
                    .anyMatch(m -> List.of("PREPARING", "COPYING", "CATCHING_UP", "CUTOVER", "CLEANUP").contains(m.state()))) {
                Thread.sleep(50);
            }
            List<ShardInfo> after = sc.admin().shards();
            List<MigrationInfo> migrations = sc.admin().migrations();
            List<DecisionInfo> decisions = sc.admin().decisions();
            for (DecisionInfo d : decisions) {
                System.out.println("  decision " + d.id() + ": " + d.trigger() + " -> " + d.outcome());
            }
            String[] verification = new String[1];
            boolean verified = verify(prefix, acked, new ShardMap(after, "readings"), verification);
            System.out.println("  no-loss check: " + verification[0]);
            long[] lat;
            synchronized (latencies) {
                lat = latencies.stream().mapToLong(Long::longValue).toArray();
            }
            long total = 0;
            for (int d = 0; d < DEVICES; d++) {
                total += acked.get(d);
            }
            return new Run(mode, loads, imbalance, lat, total, before, after, migrations, timelines, decisions,
                    verified, verification[0]);
        } finally {
            ds.close();
            for (String n : NODES) {
                try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + prefix + n + ";DB_CLOSE_DELAY=-1",
                        "sa", ""); Statement st = c.createStatement()) {
                    st.execute("SHUTDOWN");
                }
            }
        }
    }

    static String phaseName(long now) {
        double phase = (now % DAY_MILLIS) / (double) DAY_MILLIS;
        return phase < 0.25 ? "night" : phase < 0.5 ? "morn" : phase < 0.75 ? "peak" : "eve";
    }

    /** Writes per second at this moment of the day: a quiet night, a peak in the afternoon. */
    static double rate(long now) {
        double phase = (now % DAY_MILLIS) / (double) DAY_MILLIS;
        return 300 + 900 * Math.max(0, Math.sin(Math.PI * phase));
    }

    /** The busy region's centre (a device index): it travels across the devices once a day. */
    static int hotCentre(long now) {
        double phase = (now % DAY_MILLIS) / (double) DAY_MILLIS;
        return (int) (phase * DEVICES) % DEVICES;
    }

    static void write(ShardwiseDataSource ds, int writer, long start, AtomicBoolean stop, AtomicLongArray acked,
                      AtomicLongArray perSample, long[] nextSeq, List<Long> latencies) {
        Random rnd = new Random(42 + writer);
        try (Connection c = ds.getConnection();
             PreparedStatement ins = c.prepareStatement("INSERT INTO readings (device, seq, v) VALUES (?, ?, ?)")) {
            long due = System.nanoTime();
            while (!stop.get()) {
                long now = System.currentTimeMillis() - start;
                int device = rnd.nextDouble() < 0.8
                        ? Math.floorMod(hotCentre(now) + (int) Math.round(rnd.nextGaussian() * 25), DEVICES)
                        : rnd.nextInt(DEVICES);
                long seq;
                synchronized (nextSeq) {
                    seq = nextSeq[device]++;
                }
                long t0 = System.nanoTime();
                if (insert(ins, device, seq, rnd.nextInt(1000))) {
                    acked.incrementAndGet(device);
                    perSample.incrementAndGet(device);
                }
                synchronized (latencies) {
                    latencies.add((System.nanoTime() - t0) / 1000);
                }
                due += (long) (2e9 / rate(now)); // two writers share the rate
                long sleep = due - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                } else if (sleep < -200_000_000L) {
                    due = System.nanoTime(); // fell behind (a freeze): do not burst to catch up
                }
            }
        } catch (SQLException | InterruptedException e) {
            System.out.println("  writer " + writer + " stopped: " + e.getMessage());
        }
    }

    /**
     * One acknowledged insert, retried on transient errors (a frozen shard, a stale route: nothing was written). A
     * retry that meets its own primary key means an earlier attempt did commit: it counts as acknowledged once.
     */
    static boolean insert(PreparedStatement ins, int device, long seq, int v) throws SQLException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                ins.setLong(1, key(device));
                ins.setLong(2, seq);
                ins.setInt(3, v);
                ins.executeUpdate();
                return true;
            } catch (SQLTransientException e) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            } catch (SQLException e) {
                if (attempt > 0 && "23505".equals(e.getSQLState())) {
                    return true;
                }
                throw e;
            }
        }
        return false;
    }

    /**
     * The oracle: rows per device counted on each node directly (not through the driver) must equal the demo's log
     * of acknowledged writes, and every device's rows must be on the node that owns it.
     */
    static boolean verify(String prefix, AtomicLongArray acked, ShardMap map, String[] report) throws SQLException {
        long[] onNodes = new long[DEVICES];
        long misplaced = 0;
        Map<Long, Integer> index = new LinkedHashMap<>();
        for (int d = 0; d < DEVICES; d++) {
            index.put(key(d), d);
        }
        for (String n : NODES) {
            try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + prefix + n + ";DB_CLOSE_DELAY=-1",
                    "sa", ""); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT device, COUNT(*) FROM readings GROUP BY device")) {
                while (rs.next()) {
                    int d = index.get(rs.getLong(1));
                    onNodes[d] += rs.getLong(2);
                    if (!n.equals(map.owner(rs.getLong(1)))) {
                        misplaced += rs.getLong(2);
                    }
                }
            }
        }
        long acknowledged = 0;
        long stored = 0;
        int wrong = 0;
        for (int d = 0; d < DEVICES; d++) {
            acknowledged += acked.get(d);
            stored += onNodes[d];
            if (onNodes[d] != acked.get(d)) {
                wrong++;
            }
        }
        boolean ok = wrong == 0 && misplaced == 0;
        report[0] = (ok ? "OK: " : "FAILED: ") + acknowledged + " acknowledged writes, " + stored
                + " rows on the nodes, " + wrong + " devices differ, " + misplaced + " rows on a node that does not"
                + " own them";
        return ok;
    }
}
