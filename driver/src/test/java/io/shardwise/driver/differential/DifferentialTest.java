package io.shardwise.driver.differential;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The differential test: a seeded random workload of at least 10,000 operations runs on a sharded setup and on one
 * plain H2 database holding the same data, and every answer must match. The sharded setups: the Shardwise driver
 * over 2 and 4 H2 nodes (the whole path: parsing, routing, rewriting, execution, merging), and the test's own
 * routing with {@code ResultSetMerger} over 3 nodes (the merge on its own, so a failure there points at it). Replay or extend a run with
 * {@code -Dshardwise.differential.seed=<n|random>} and {@code -Dshardwise.differential.operations=<n>}.
 */
class DifferentialTest {

    /** The merge alone, on a node count the driver runs do not use. */
    @ParameterizedTest(name = "merge over {0} nodes")
    @ValueSource(ints = {3})
    void mergedResultsMatchOneDatabase(int nodes) throws SQLException {
        DifferentialRun run = DifferentialRun.fromSystemProperties();
        String runId = "diff-manual-" + nodes + "-" + run.seed;
        long start = System.nanoTime();
        long cpuStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        try (Target reference = DifferentialRun.reference(runId);
             Target sharded = new ManualShardingTarget(runId, nodes)) {
            run.run(reference, sharded);
            long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
            System.out.println(run.summary(sharded.name(), (System.nanoTime() - start) / 1_000_000)
                    + ", test thread CPU " + cpu / 1_000_000 + " ms");
        }
        assertThat(run.reads + run.writes).isGreaterThanOrEqualTo(run.operations);
        assertThat(run.rowsCompared).as("the workload reads real rows").isGreaterThan(run.operations);
    }

    @ParameterizedTest(name = "driver over {0} nodes")
    @ValueSource(ints = {2, 4})
    void driverResultsMatchOneDatabase(int nodes) throws SQLException {
        DifferentialRun run = DifferentialRun.fromSystemProperties();
        String runId = "diff-driver-" + nodes + "-" + run.seed;
        long start = System.nanoTime();
        long cpuStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        try (Target reference = DifferentialRun.reference(runId);
             Target sharded = new ShardwiseTarget(runId, nodes)) {
            run.run(reference, sharded);
            long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
            System.out.println(run.summary(sharded.name(), (System.nanoTime() - start) / 1_000_000)
                    + ", test thread CPU " + cpu / 1_000_000 + " ms");
        }
        assertThat(run.reads + run.writes).isGreaterThanOrEqualTo(run.operations);
    }
}
