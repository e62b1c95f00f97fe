package io.shardwise.bench.profiler;

import io.shardwise.ShardwiseDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * What profiling costs on the driver's point select: two Shardwise clusters in one JVM, identical but for
 * {@code profiler.enabled}, each over its own two H2 in-memory nodes holding the same rows. One thread runs
 * {@code SELECT v FROM kv WHERE id = ?} (prepared, random keys, one result row read) against each in short
 * interleaved windows (on, off, off, on, ... so drift and warm-up hit both alike); the report is the median
 * throughput per window of each and their ratio.
 *
 * <p>Arguments (optional): windows (default 20 per side), window milliseconds (default 1000), rows (default 10000).
 */
public final class ProfilingOverheadBench {
    private ProfilingOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        int windows = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long windowMillis = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        try (ShardwiseDataSource on = cluster("on", true, rows); ShardwiseDataSource off = cluster("off", false, rows);
             Connection con = on.getConnection(); Connection coff = off.getConnection();
             PreparedStatement pon = con.prepareStatement("SELECT v FROM kv WHERE id = ?");
             PreparedStatement poff = coff.prepareStatement("SELECT v FROM kv WHERE id = ?")) {
            SplittableRandom random = new SplittableRandom(42);
            // warm-up: JIT, plan caches, pools
            for (int i = 0; i < 3; i++) {
                window(pon, random, rows, windowMillis);
                window(poff, random, rows, windowMillis);
            }
            double[] withProfiler = new double[windows];
            double[] without = new double[windows];
            for (int w = 0; w < windows; w++) {
                boolean onFirst = (w & 1) == 0;
                if (onFirst) {
                    withProfiler[w] = window(pon, random, rows, windowMillis);
                    without[w] = window(poff, random, rows, windowMillis);
                } else {
                    without[w] = window(poff, random, rows, windowMillis);
                    withProfiler[w] = window(pon, random, rows, windowMillis);
                }
            }
            double mOn = median(withProfiler);
            double mOff = median(without);
            List<Double> ratios = new ArrayList<>();
            for (int w = 0; w < windows; w++) {
                ratios.add(withProfiler[w] / without[w]);
            }
            double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
            System.out.printf("point select, 1 thread, %d windows x %d ms per side, %d rows, 2 H2 nodes per cluster%n",
                    windows, windowMillis, rows);
            System.out.printf("profiler.enabled=true : median %.0f ops/s (min %.0f, max %.0f)%n", mOn,
                    Arrays.stream(withProfiler).min().orElse(0), Arrays.stream(withProfiler).max().orElse(0));
            System.out.printf("profiler.enabled=false: median %.0f ops/s (min %.0f, max %.0f)%n", mOff,
                    Arrays.stream(without).min().orElse(0), Arrays.stream(without).max().orElse(0));
            System.out.printf("on/off: ratio of medians %.4f, median of paired window ratios %.4f (cost %.2f%%)%n",
                    mOn / mOff, median(r), (1 - median(r)) * 100);
        }
    }

    private static double window(PreparedStatement ps, SplittableRandom random, int rows, long millis)
            throws SQLException {
        long end = System.nanoTime() + millis * 1_000_000L;
        long start = System.nanoTime();
        long ops = 0;
        long now;
        do {
            for (int i = 0; i < 64; i++) {
                ps.setLong(1, random.nextInt(rows));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("a loaded key is missing");
                    }
                }
            }
            ops += 64;
            now = System.nanoTime();
        } while (now < end);
        return ops * 1e9 / (now - start);
    }

    private static ShardwiseDataSource cluster(String name, boolean profiling, int rows) throws SQLException {
        Properties p = new Properties();
        p.setProperty("nodes", "n1,n2");
        p.setProperty("node.n1.url", "jdbc:h2:mem:overhead_" + name + "_n1;DB_CLOSE_DELAY=-1");
        p.setProperty("node.n2.url", "jdbc:h2:mem:overhead_" + name + "_n2;DB_CLOSE_DELAY=-1");
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        p.setProperty("table.kv.shard-key", "id");
        p.setProperty("group.kv.strategy", "hash");
        p.setProperty("profiler.enabled", Boolean.toString(profiling));
        ShardwiseDataSource ds = new ShardwiseDataSource("jdbc:shardwise:");
        ds.setProperties(p);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kv (id BIGINT PRIMARY KEY, v VARCHAR(32))");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO kv (id, v) VALUES (?, ?)")) {
                for (int id = 0; id < rows; id++) {
                    ins.setLong(1, id);
                    ins.setString(2, "value-" + id);
                    ins.executeUpdate();
                }
            }
        }
        return ds;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
