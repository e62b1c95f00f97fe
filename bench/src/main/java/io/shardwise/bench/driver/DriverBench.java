package io.shardwise.bench.driver;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The driver benchmark of issue 2: Shardwise over two H2 in-memory nodes against direct JDBC to one H2 node and
 * against ShardingSphere-JDBC over two H2 nodes, all in one JVM and one run. Run it with
 * {@code mvn -B -o -Pbench -pl bench -am verify -DskipTests} (add {@code -Dbench.args=smoke} for a few seconds).
 * It prints a Markdown report and writes it to the file named by {@code -Dbench.report}.
 */
public final class DriverBench {

    static final String REPORT_PROPERTY = "bench.report";

    private DriverBench() {
    }

    public static void main(String[] args) throws Exception {
        int status;
        try {
            ProfileRequest profile = ProfileRequest.extract(args);
            if (profile != null) {
                System.exit(profile(profile));
            }
            BenchConfig config = BenchConfig.parse(args);
            String command = "mvn -B -o -Pbench -pl bench -am verify -DskipTests -Dbench.args=\""
                    + String.join(" ", args) + "\"";
            Outcome outcome = run(config, command, System.out);
            System.out.println();
            System.out.println(outcome.markdown());
            String report = System.getProperty(REPORT_PROPERTY);
            if (report != null && !report.isBlank()) {
                Path path = Path.of(report);
                Files.createDirectories(path.toAbsolutePath().getParent());
                Files.writeString(path, outcome.markdown());
                System.out.println("report written to " + path);
            }
            status = outcome.directMeasured() ? 0 : 1;
        } catch (IllegalArgumentException e) {
            System.err.println("driver benchmark: " + e.getMessage());
            status = 2;
        }
        // Stop even if a library left non-daemon threads behind.
        System.exit(status);
    }

    /**
     * Profile mode ({@code profile=target/workload/style}, e.g. {@code profile=shardwise/point-select/prepared}):
     * runs that one cell with a stack sampler and prints where its time and allocation go.
     */
    private static int profile(ProfileRequest request) throws Exception {
        BenchConfig config = request.config();
        Map<String, String> unavailable = new LinkedHashMap<>();
        Map<String, Map<Workload, String>> wrong = new LinkedHashMap<>();
        List<Target> targets = startTargets(config, System.out, unavailable, wrong);
        try {
            Target target = targets.stream().filter(t -> t.name().equals(request.target())).findFirst().orElse(null);
            if (target == null) {
                System.out.println(request.target() + " not available: " + unavailable.get(request.target()));
                return 1;
            }
            BenchRunner runner = new BenchRunner(config, targets, System.out);
            runner.disqualify(wrong);
            StackSampler sampler = new StackSampler(Thread.currentThread(), request.intervalMicros());
            Thread[] samplerThread = new Thread[1];
            Cell cell = runner.runSingle(target, request.workload(), request.style(), request.seconds() * 1000L,
                    () -> samplerThread[0] = sampler.start());
            sampler.stop(samplerThread[0]);
            System.out.printf("%n%s / %s / %s: %,.0f ops/s, p50 %.1f µs, p99 %.1f µs, %,.0f B/op, %.1f CPU µs/op%s%n",
                    target.name(), request.workload().id(), request.style().id(), cell.opsPerSecond(),
                    cell.latency.quantile(0.5) / 1e3, cell.latency.quantile(0.99) / 1e3, cell.bytesPerOp(),
                    cell.cpuMicrosPerOp(), cell.failed() ? " FAILED: " + cell.error : "");
            sampler.print(System.out, request.top());
            return cell.failed() ? 1 : 0;
        } finally {
            for (Target t : targets) {
                t.close();
            }
        }
    }

    /** The report and whether the reference (direct H2) was measured at all. */
    record Outcome(String markdown, Map<String, Cell> cells, Map<String, String> unavailable, long sink) {
        boolean directMeasured() {
            return cells.values().stream().anyMatch(c -> c.target.equals(DirectTarget.NAME) && c.ops > 0);
        }
    }

    static Outcome run(BenchConfig config, String command, PrintStream log) throws IOException {
        MachineInfo machine = MachineInfo.collect();
        log.println("driver benchmark: " + config.describe());
        Map<String, String> unavailable = new LinkedHashMap<>();
        Map<String, Map<Workload, String>> wrong = new LinkedHashMap<>();
        List<Target> targets = startTargets(config, log, unavailable, wrong);
        try {
            BenchRunner runner = new BenchRunner(config, targets, log);
            runner.disqualify(wrong);
            Map<String, Cell> cells = runner.run();
            MarkdownReport report = new MarkdownReport(config, cells, unavailable);
            return new Outcome(report.render(machine, command, MachineInfo.loadAverage()), cells, unavailable,
                    runner.sink());
        } finally {
            for (Target t : targets) {
                try {
                    t.close();
                } catch (Exception e) {
                    log.println("closing " + t.name() + " failed: " + e);
                }
            }
        }
    }

    /**
     * Starts each requested target; one that cannot start is left out, and the workloads on which one answers
     * differently from direct go into {@code wrong} (they are not measured for it).
     */
    private static List<Target> startTargets(BenchConfig config, PrintStream log, Map<String, String> unavailable,
                                             Map<String, Map<Workload, String>> wrong) {
        List<Target> started = new ArrayList<>();
        Target direct = null;
        for (String name : config.targets()) {
            long t0 = System.nanoTime();
            try {
                Target t = switch (name) {
                    case DirectTarget.NAME -> DirectTarget.start(config);
                    case ShardwiseTarget.NAME -> ShardwiseTarget.start(config);
                    case ShardingSphereTarget.NAME -> ShardingSphereTarget.start(config);
                    default -> throw new IllegalArgumentException("unknown target " + name);
                };
                if (direct == null) {
                    direct = t;
                } else {
                    Map<Workload, String> differences = checkAgainst(direct, t, config);
                    if (!differences.isEmpty()) {
                        wrong.put(name, differences);
                        differences.forEach((w, d) -> log.println(name + ": " + w.id()
                                + " answers differ from direct H2, not measured: " + d));
                    }
                }
                started.add(t);
                log.printf("%s: ready in %d ms (%d rows loaded through it)%n", name,
                        (System.nanoTime() - t0) / 1_000_000, config.rows());
            } catch (Exception | LinkageError e) {
                String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
                unavailable.put(name, "could not start: " + reason);
                log.println(name + ": could not start, left out: " + reason);
            }
        }
        return started;
    }

    private static Map<Workload, String> checkAgainst(Target direct, Target candidate, BenchConfig config) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(candidate.contextClassLoader());
        try {
            return ResultCheck.compare(direct.connection(), candidate.connection(), config.rows(), config.seed());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
