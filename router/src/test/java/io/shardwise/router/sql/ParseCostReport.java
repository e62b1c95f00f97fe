package io.shardwise.router.sql;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/**
 * Prints what parsing costs (median thread CPU time per statement after warm-up) for docs/parser.md; asserts
 * nothing about time.
 * The variants of one statement run in alternating rounds, so load from other processes hits them alike: compare
 * numbers of one run, not across runs. Run alone:
 * {@code mvn -B -q -o -pl router -am verify -Dtest=ParseCostReport -Dsurefire.failIfNoSpecifiedTests=false}
 * and read target/surefire-reports/io.shardwise.router.sql.ParseCostReport-output.txt.
 */
class ParseCostReport {

    private static final String POINT_SELECT = "SELECT id, name, total FROM orders WHERE id = ?";
    private static final String TWO_ROW_INSERT = "INSERT INTO orders (id, name, total) VALUES (?, ?, ?), (?, ?, ?)";
    private static final String UPSERT = "INSERT INTO orders (id, name) VALUES (?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name";
    private static final String LITERAL_SELECT = "SELECT id, name, total FROM orders WHERE id = 42 AND name = 'x'";

    private static final SqlParser.Config CORE = SqlParser.config();
    /** Thread CPU time, not wall time: the machine is shared, and time spent descheduled is not parse cost. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private interface Work {
        Object run(String sql) throws Exception;
    }

    @Test
    void printParseCost() throws Exception {
        long firstStart = System.nanoTime();
        ShardwiseSqlParser.warmUp();
        long warmUpMillis = (System.nanoTime() - firstStart) / 1_000_000;
        System.out.printf("warmUp() in this JVM: %d ms (includes class loading unless another test ran first)%n",
                warmUpMillis);
        String[] names = {"ShardwiseSqlParser.parse", "stock calcite core parser"};
        Work[] works = {
            sql -> ShardwiseSqlParser.parse(sql, SqlDialectKind.H2),
            sql -> SqlParser.create(sql, CORE).parseStmt(),
        };
        for (String sql : new String[] {POINT_SELECT, TWO_ROW_INSERT}) {
            report(sql, names, works);
        }
        report(UPSERT, new String[] {names[0]}, new Work[] {works[0]});
        report(LITERAL_SELECT, new String[] {"SqlNormalizer (2 literals)"}, new Work[] {SqlNormalizer::normalize});
        report(POINT_SELECT, new String[] {"SqlNormalizer (no literal)"}, new Work[] {SqlNormalizer::normalize});
    }

    private static void report(String sql, String[] names, Work[] works) throws Exception {
        double[] medians = medianMicros(sql, works);
        System.out.println(sql);
        for (int i = 0; i < works.length; i++) {
            System.out.printf("  %-32s median %7.2f us%n", names[i], medians[i]);
        }
    }

    /** Per variant: median (CPU time) of 21 rounds of 2,000 runs each, rounds alternating, after 30,000 runs of warm-up. */
    private static double[] medianMicros(String sql, Work[] works) throws Exception {
        Object sink = null;
        for (Work work : works) {
            for (int i = 0; i < 30_000; i++) {
                sink = work.run(sql);
            }
        }
        double[][] rounds = new double[works.length][21];
        for (int r = 0; r < 21; r++) {
            for (int w = 0; w < works.length; w++) {
                long start = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < 2_000; i++) {
                    sink = works[w].run(sql);
                }
                rounds[w][r] = (THREADS.getCurrentThreadCpuTime() - start) / 2_000.0 / 1_000.0;
            }
        }
        if (sink == null) {
            throw new AssertionError("nothing parsed");
        }
        double[] medians = new double[works.length];
        for (int w = 0; w < works.length; w++) {
            Arrays.sort(rounds[w]);
            medians[w] = rounds[w][rounds[w].length / 2];
        }
        return medians;
    }
}
