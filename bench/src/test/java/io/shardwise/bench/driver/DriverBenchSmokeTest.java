package io.shardwise.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Keeps the harness honest in the default build: a sub-second run of every workload against direct H2. */
class DriverBenchSmokeTest {

    @Test
    void everyWorkloadRunsAndIsReported() throws Exception {
        BenchConfig config = BenchConfig.parse("smoke", "targets=direct", "rows=300", "warmup-ms=20",
                "window-ms=20", "rounds=2");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DriverBench.Outcome outcome = DriverBench.run(config, "test", new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(outcome.cells()).hasSize(Workload.values().length * StatementStyle.values().length);
        assertThat(outcome.cells().values()).allSatisfy(c -> {
            assertThat(c.error).isNull();
            assertThat(c.ops).isPositive();
            assertThat(c.latency.count()).isEqualTo(c.ops);
            assertThat(java.util.Arrays.stream(c.opsPerSecondByRound).min().orElse(0)).isPositive();
        });
        assertThat(outcome.directMeasured()).isTrue();
        assertThat(outcome.markdown()).contains("| point select by shard key | PreparedStatement |")
                .contains("| WHERE id >= x ORDER BY id LIMIT 10 | Statement + literals |");
    }

    @Test
    void resultCheckCatchesATargetThatAnswersDifferently() throws Exception {
        String a = BenchData.h2Url("check_a");
        String b = BenchData.h2Url("check_b");
        BenchData.createSchema(a);
        BenchData.createSchema(b);
        try (Connection ca = DriverManager.getConnection(a, BenchData.H2_USER, BenchData.H2_PASSWORD);
             Connection cb = DriverManager.getConnection(b, BenchData.H2_USER, BenchData.H2_PASSWORD)) {
            BenchData.load(ca, 200);
            BenchData.load(cb, 200);
            assertThat(ResultCheck.compare(ca, cb, 200, 7)).isEmpty();
            long id = idOnLastPageButNotAPointOfTheCheck(200, 7);
            try (Statement s = cb.createStatement()) {
                // Changes the sums (scatter aggregate) and the page from 190 (ORDER BY ... LIMIT), not the points.
                s.executeUpdate("UPDATE bench_t SET v = v + 1 WHERE id = " + id);
            }
            assertThat(ResultCheck.compare(ca, cb, 200, 7))
                    .containsOnlyKeys(Workload.SCATTER_AGGREGATE, Workload.ORDER_BY_LIMIT)
                    .hasEntrySatisfying(Workload.ORDER_BY_LIMIT, d -> assertThat(d).contains("expected"));
        }
    }

    /** The check's point keys come from SplittableRandom(seed): 20 draws below rows (it draws nothing else). */
    private static long idOnLastPageButNotAPointOfTheCheck(int rows, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        java.util.Set<Long> points = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            points.add(random.nextLong(rows));
        }
        for (long id = rows - 10; id < rows; id++) {
            if (!points.contains(id)) {
                return id;
            }
        }
        throw new IllegalStateException("every id of the last page is a point key");
    }
}
