package io.shardwise.driver.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.PlanInfo;
import io.shardwise.ShardForecastInfo;
import io.shardwise.ShardwiseAdmin;
import io.shardwise.ShardwiseConnection;
import io.shardwise.ShardwiseDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The profiler views through the driver, over two H2 nodes and a skewed workload in real time with 200 ms buckets
 * (one bucket per forecast step): 60% of the point selects read key 7, the rest spread over keys 0..199. Keys below
 * 100 live on n1, so n1 carries about 80% of the load.
 */
class ProfilerViewsTest {
    private final String prefix = "prof_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
    private ShardwiseDataSource ds;

    private Properties settings() {
        Properties p = new Properties();
        p.setProperty("nodes", "n1,n2");
        p.setProperty("node.n1.url", "jdbc:h2:mem:" + prefix + "n1;DB_CLOSE_DELAY=-1");
        p.setProperty("node.n2.url", "jdbc:h2:mem:" + prefix + "n2;DB_CLOSE_DELAY=-1");
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        p.setProperty("table.kv.shard-key", "id");
        p.setProperty("group.kv.strategy", "range");
        p.setProperty("group.kv.split-points", "100");
        p.setProperty("profiler.bucket", "200ms");
        p.setProperty("profiler.step", "1");
        p.setProperty("profiler.season", "none");
        return p;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (ds != null) {
            ds.close();
        }
        for (String n : new String[] {"n1", "n2"}) {
            try (Connection d = DriverManager.getConnection("jdbc:h2:mem:" + prefix + n + ";DB_CLOSE_DELAY=-1",
                    "sa", ""); Statement st = d.createStatement()) {
                st.execute("SHUTDOWN");
            }
        }
    }

    @Test
    void hotKeyForecastAndPlanThroughSqlAndAdmin() throws Exception {
        ds = new ShardwiseDataSource("jdbc:shardwise:");
        ds.setProperties(settings());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kv (id BIGINT PRIMARY KEY, v VARCHAR(20))");
            for (int id = 0; id < 200; id++) {
                s.executeUpdate("INSERT INTO kv (id, v) VALUES (" + id + ", 'v" + id + "')");
            }
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread load = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(42);
            try (Connection c = ds.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT v FROM kv WHERE id = ?")) {
                while (!stop.get()) {
                    ps.setLong(1, random.nextInt(10) < 6 ? 7 : random.nextInt(200));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                    }
                    Thread.onSpinWait();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "skewed-load");
        load.start();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            ShardwiseAdmin admin = c.unwrap(ShardwiseConnection.class).admin();
            // forecasts of 200 ms steps are noisy: read the three views together until they show the load
            long deadline = System.nanoTime() + 20_000_000_000L;
            List<String[]> hot = List.of();
            List<String[]> forecast = List.of();
            List<String[]> plan1 = List.of();
            while (System.nanoTime() < deadline) {
                Thread.sleep(200);
                hot = rows(s, "SHOW SHARDWISE HOTSPOTS");
                forecast = rows(s, "SHOW SHARDWISE FORECAST");
                plan1 = rows(s, "SHARDWISE PLAN");
                boolean keyShows = hot.stream().anyMatch(r -> r[1].equals("KEY"));
                boolean shardsLoaded = forecast.size() == 2
                        && forecast.stream().allMatch(r -> Double.parseDouble(r[3]) > 0);
                if (keyShows && shardsLoaded && !plan1.get(0)[1].equals("NONE")) {
                    break;
                }
            }
            assertThat(failure.get()).isNull();
            // the load keeps running while the views are read: the last closed step is a loaded one

            // HOTSPOTS: key 7 is the hottest key, HOT, with a current and a predicted rate
            String[] firstKey = hot.stream().filter(r -> r[1].equals("KEY")).findFirst().orElseThrow();
            assertThat(firstKey[0]).isEqualTo("kv");
            assertThat(firstKey[2]).isEqualTo("7");
            assertThat(firstKey[7]).isEqualTo("HOT");
            assertThat(Double.parseDouble(firstKey[5])).isPositive();
            assertThat(Double.parseDouble(firstKey[6])).isPositive();
            assertThat(admin.hotspots()).anyMatch(h -> h.kind().equals("KEY") && h.key().equals("7"));

            // FORECAST: one row per shard, n1's shard carrying most of the load
            assertThat(forecast).hasSize(2);
            assertThat(forecast).extracting(r -> r[2]).containsExactlyInAnyOrder("n1", "n2");
            List<String[]> fc = forecast;
            double n1 = forecast.stream().filter(r -> r[2].equals("n1")).mapToDouble(r -> Double.parseDouble(r[3]))
                    .sum();
            double n2 = forecast.stream().filter(r -> r[2].equals("n2")).mapToDouble(r -> Double.parseDouble(r[3]))
                    .sum();
            assertThat(n1).as(() -> fc.stream().map(java.util.Arrays::toString).toList().toString())
                    .isGreaterThan(n2); // about 4x expected; 200 ms steps are noisy
            assertThat(forecast).allSatisfy(r -> assertThat(r[5]).isNotBlank());
            List<ShardForecastInfo> api = admin.forecast();
            assertThat(api).hasSize(2);

            // PLAN: steps that lower the predicted imbalance; nothing changed
            List<String> before = shards(s);
            assertThat(plan1.get(0)[1]).isNotEqualTo("NONE");
            double imbalanceBefore = Double.parseDouble(plan1.get(0)[9]);
            double imbalanceAfter = Double.parseDouble(plan1.get(plan1.size() - 1)[10]);
            assertThat(imbalanceBefore).isGreaterThan(1.2); // above the default target, hence a plan
            assertThat(imbalanceAfter).isLessThan(imbalanceBefore);
            assertThat(plan1).anySatisfy(r -> assertThat(r[1]).isIn("SPLIT", "PIN", "MOVE"));
            PlanInfo plan = admin.plan();
            assertThat(plan.imbalanceAfter()).isLessThanOrEqualTo(plan.imbalanceBefore());
            assertThat(plan.topologyVersion()).isPositive();
            assertThat(shards(s)).isEqualTo(before);
        } finally {
            stop.set(true);
            load.join();
        }
        assertThat(failure.get()).isNull();
    }

    @Test
    void disabledProfilerRecordsNothing() throws Exception {
        Properties p = settings();
        p.setProperty("profiler.enabled", "false");
        ds = new ShardwiseDataSource("jdbc:shardwise:");
        ds.setProperties(p);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kv (id BIGINT PRIMARY KEY, v VARCHAR(20))");
            s.executeUpdate("INSERT INTO kv (id, v) VALUES (7, 'x')");
            long end = System.nanoTime() + 600_000_000L;
            while (System.nanoTime() < end) {
                try (ResultSet rs = s.executeQuery("SELECT v FROM kv WHERE id = 7")) {
                    rs.next();
                }
            }
            ShardwiseAdmin admin = c.unwrap(ShardwiseConnection.class).admin();
            assertThat(admin.hotspots()).isEmpty();
            assertThat(admin.forecast()).allSatisfy(f -> assertThat(f.actualPerSecond()).isZero());
            assertThat(rows(s, "SHARDWISE PLAN").get(0)[1]).isEqualTo("NONE");
        }
    }

    @Test
    void badProfilerSettingsNameTheKey() {
        for (String[] bad : new String[][] {{"profiler.bucket", "ten seconds"}, {"profiler.bucket", "5w"},
            {"profiler.enabled", "yes"}, {"profiler.step", "0"}, {"profiler.season", "1ms"}}) {
            Properties p = settings();
            p.setProperty(bad[0], bad[1]);
            ShardwiseDataSource bads = new ShardwiseDataSource("jdbc:shardwise:");
            bads.setProperties(p);
            assertThatThrownBy(bads::getConnection).isInstanceOf(SQLException.class).hasMessageContaining(bad[0]);
            bads.close();
        }
        Properties typo = settings();
        typo.setProperty("profiler.buckets", "1s");
        ShardwiseDataSource bads = new ShardwiseDataSource("jdbc:shardwise:");
        bads.setProperties(typo);
        assertThatThrownBy(bads::getConnection).hasMessageContaining("profiler.bucket");
        bads.close();
    }

    private static List<String> shards(Statement s) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String[] r : rows(s, "SHOW SHARDWISE SHARDS")) {
            out.add(r[1] + " " + r[2] + " " + r[3]);
        }
        return out;
    }

    private static List<String[]> rows(Statement s, String sql) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] r = new String[n];
                for (int i = 0; i < n; i++) {
                    r[i] = rs.getString(i + 1);
                }
                out.add(r);
            }
        }
        return out;
    }
}
