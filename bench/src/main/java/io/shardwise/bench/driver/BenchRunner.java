package io.shardwise.bench.driver;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every (workload, style, target) cell in one JVM: warm-up passes over all cells first, then measured rounds.
 * Within a round the targets of one (workload, style) run back to back in an order that rotates every round, so
 * the noise of this shared machine falls on all of them alike and the per-round ratios compare neighbours in time.
 */
final class BenchRunner {

    private final BenchConfig config;
    private final List<Target> targets;
    private final PrintStream log;
    private final ResourceMeters meters = new ResourceMeters();
    private final Map<String, OpContext> contexts = new HashMap<>();
    private final Map<String, Cell> cells = new LinkedHashMap<>();
    private final LatencyHistogram warmupSink = new LatencyHistogram();

    BenchRunner(BenchConfig config, List<Target> targets, PrintStream log) {
        this.config = config;
        this.targets = List.copyOf(targets);
        this.log = log;
        for (Target t : targets) {
            // The same seed for every target: each sees the same key sequence.
            contexts.put(t.name(), new OpContext(config.seed(), config.rows(), config.batchSize()));
            for (Workload w : config.orderedWorkloads()) {
                for (StatementStyle s : config.orderedStyles()) {
                    cells.put(key(t.name(), w, s), new Cell(t.name(), w, s, config.rounds()));
                }
            }
        }
    }

    /** Marks the cells of workloads on which a target answered differently from direct H2 as failed. */
    void disqualify(Map<String, Map<Workload, String>> wrongAnswers) {
        wrongAnswers.forEach((target, byWorkload) -> byWorkload.forEach((w, difference) -> {
            for (StatementStyle s : config.orderedStyles()) {
                Cell cell = cells.get(key(target, w, s));
                if (cell != null) {
                    cell.error = "answers differ from direct H2: " + difference;
                }
            }
        }));
    }

    static String key(String target, Workload w, StatementStyle s) {
        return target + '|' + w.id() + '|' + s.id();
    }

    Map<String, Cell> run() {
        for (int pass = 0; pass < config.warmupPasses(); pass++) {
            log.printf("warm-up pass %d/%d%n", pass + 1, config.warmupPasses());
            for (Workload w : config.orderedWorkloads()) {
                for (StatementStyle s : config.orderedStyles()) {
                    for (Target t : targets) {
                        runWindow(t, w, s, config.warmupMillis(), -1);
                    }
                }
            }
        }
        for (int round = 0; round < config.rounds(); round++) {
            log.printf("round %d/%d%n", round + 1, config.rounds());
            for (Workload w : config.orderedWorkloads()) {
                for (StatementStyle s : config.orderedStyles()) {
                    for (Target t : rotated(round + w.ordinal() + s.ordinal())) {
                        runWindow(t, w, s, config.windowMillis(), round);
                    }
                }
            }
        }
        return cells;
    }

    /** Profile mode: warms one cell up, then measures it for {@code millis} as round 0 and returns it. */
    Cell runSingle(Target t, Workload w, StatementStyle s, long millis, Runnable beforeMeasuring) {
        for (int pass = 0; pass < config.warmupPasses(); pass++) {
            runWindow(t, w, s, config.warmupMillis(), -1);
        }
        beforeMeasuring.run();
        runWindow(t, w, s, millis, 0);
        return cells.get(key(t.name(), w, s));
    }

    private List<Target> rotated(int by) {
        List<Target> out = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            out.add(targets.get((i + by) % targets.size()));
        }
        return out;
    }

    /** round -1 is warm-up: measured into a sink and thrown away. */
    private void runWindow(Target t, Workload w, StatementStyle s, long millis, int round) {
        Cell cell = cells.get(key(t.name(), w, s));
        if (cell.failed()) {
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            if (w == Workload.BATCH_INSERT) {
                for (String url : t.nodeUrls()) {
                    BenchData.truncateInsertTable(url);
                }
            }
            thread.setContextClassLoader(t.contextClassLoader());
            Cell.Window window = timed(t.connection(), w, s, contexts.get(t.name()), millis,
                    round < 0 ? warmupSink : cell.latency);
            if (round >= 0) {
                cell.addWindow(round, window);
            }
        } catch (SQLException | RuntimeException e) {
            cell.error = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.printf("  %s %s %s FAILED: %s%n", t.name(), w.id(), s.id(), cell.error);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Cell.Window timed(Connection c, Workload w, StatementStyle s, OpContext ctx, long millis,
                              LatencyHistogram latency) throws SQLException {
        long allocatedBefore = meters.allocatedBytes();
        long cpuBefore = meters.processCpuNanos();
        long start = System.nanoTime();
        long end = start + millis * 1_000_000L;
        long now = start;
        long ops = 0;
        do {
            long opStart = now;
            w.run(c, s, ctx);
            now = System.nanoTime();
            latency.record(now - opStart);
            ops++;
        } while (now < end);
        long cpuAfter = meters.processCpuNanos();
        long allocatedAfter = meters.allocatedBytes();
        return new Cell.Window(ops, now - start, Math.max(0, allocatedAfter - allocatedBefore), cpuAfter - cpuBefore);
    }

    long sink() {
        long sum = 0;
        for (OpContext ctx : contexts.values()) {
            sum += ctx.sink();
        }
        return sum;
    }
}
