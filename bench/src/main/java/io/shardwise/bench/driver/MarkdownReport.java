package io.shardwise.bench.driver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a run as the Markdown that goes into BENCHMARKS.md, with the target checks of issue 2. */
final class MarkdownReport {

    static final double PREPARED_POINT_SELECT_TARGET = 0.85;
    static final double LITERAL_POINT_SELECT_TARGET = 0.70;

    private final BenchConfig config;
    private final Map<String, Cell> cells;
    private final Map<String, String> unavailable;

    MarkdownReport(BenchConfig config, Map<String, Cell> cells, Map<String, String> unavailable) {
        this.config = config;
        this.cells = cells;
        this.unavailable = unavailable;
    }

    String render(MachineInfo machine, String command, double loadAtEnd) {
        StringBuilder md = new StringBuilder();
        md.append("Measured ").append(machine.date()).append(" on ").append(machine.cores()).append(" cores (")
                .append(machine.cpuModel()).append("), ").append(machine.java()).append(", ").append(machine.os())
                .append(String.format(Locale.ROOT, "; load average %.2f at start, %.2f at end.%n%n",
                        machine.loadAtStart(), loadAtEnd));
        md.append("Command: `").append(command).append("`  \n");
        md.append("Run: ").append(config.describe()).append("\n\n");
        for (Map.Entry<String, String> e : unavailable.entrySet()) {
            md.append("**").append(e.getKey()).append(" not measured:** ").append(e.getValue()).append("\n\n");
        }
        throughputTable(md);
        md.append('\n');
        latencyTable(md);
        md.append('\n');
        targetChecks(md);
        List<String> failures = new ArrayList<>();
        for (Cell c : cells.values()) {
            if (c.failed()) {
                failures.add("- " + c.target + ", " + c.workload.id() + ", " + c.style.label() + ": " + c.error);
            }
        }
        if (!failures.isEmpty()) {
            md.append("\nFailed cells (not measured further):\n\n").append(String.join("\n", failures)).append('\n');
        }
        return md.toString();
    }

    private void throughputTable(StringBuilder md) {
        md.append("| workload | statement |");
        for (String t : config.targets()) {
            md.append(' ').append(t).append(" ops/s |");
        }
        md.append(" shardwise / direct | shardwise / shardingsphere | shardingsphere / direct |"
                + " shardwise / direct by p50 | by CPU/op |\n|---|---|");
        md.append("---:|".repeat(config.targets().size())).append("---:|---:|---:|---:|---:|\n");
        for (Workload w : config.orderedWorkloads()) {
            for (StatementStyle s : config.orderedStyles()) {
                md.append("| ").append(w.label()).append(" | ").append(s.label()).append(" |");
                for (String t : config.targets()) {
                    Cell c = cell(t, w, s);
                    md.append(' ').append(c == null || c.failed() || c.ops == 0 ? "n/a"
                            : String.format(Locale.ROOT, "%,.0f", c.opsPerSecond())).append(" |");
                }
                md.append(' ').append(ratioText(w, s, ShardwiseTarget.NAME, DirectTarget.NAME)).append(" | ")
                        .append(ratioText(w, s, ShardwiseTarget.NAME, ShardingSphereTarget.NAME)).append(" | ")
                        .append(ratioText(w, s, ShardingSphereTarget.NAME, DirectTarget.NAME)).append(" | ")
                        .append(format(p50Ratio(w, s))).append(" | ").append(format(cpuRatio(w, s))).append(" |\n");
            }
        }
        md.append("\nRatios: median over the ").append(config.rounds())
                .append(" rounds of the per-round throughput ratio (range in brackets). The last two columns are"
                        + " the same comparison read from quantities that the machine's load disturbs less: direct's"
                        + " median latency / shardwise's, and direct's CPU time per operation / shardwise's.\n");
    }

    private void latencyTable(StringBuilder md) {
        String targets = String.join(" / ", config.targets());
        md.append("| workload | statement | p50 µs (").append(targets).append(") | p99 µs (").append(targets)
                .append(") | allocated B/op (").append(targets).append(") | CPU µs/op (").append(targets)
                .append(") |\n|---|---|---|---|---|---|\n");
        for (Workload w : config.orderedWorkloads()) {
            for (StatementStyle s : config.orderedStyles()) {
                md.append("| ").append(w.label()).append(" | ").append(s.label()).append(" | ")
                        .append(perTarget(w, s, c -> micros(c.latency.quantile(0.50)))).append(" | ")
                        .append(perTarget(w, s, c -> micros(c.latency.quantile(0.99)))).append(" | ")
                        .append(perTarget(w, s, c -> String.format(Locale.ROOT, "%,.0f", c.bytesPerOp())))
                        .append(" | ")
                        .append(perTarget(w, s, c -> String.format(Locale.ROOT, "%.1f", c.cpuMicrosPerOp())))
                        .append(" |\n");
            }
        }
        md.append("\nAllocation is summed over all JVM threads and CPU is the whole process's, per operation of the"
                + " measured windows; one batched-insert operation is one batch of ").append(config.batchSize())
                .append(" rows.\n");
    }

    private void targetChecks(StringBuilder md) {
        md.append("Targets of issue 2:\n\n");
        check(md, Workload.POINT_SELECT, StatementStyle.PREPARED, PREPARED_POINT_SELECT_TARGET);
        check(md, Workload.POINT_SELECT, StatementStyle.LITERAL, LITERAL_POINT_SELECT_TARGET);
        List<String> behind = new ArrayList<>();
        int compared = 0;
        for (Workload w : config.orderedWorkloads()) {
            for (StatementStyle s : config.orderedStyles()) {
                double[] r = ratios(w, s, ShardwiseTarget.NAME, ShardingSphereTarget.NAME);
                if (r.length == 0) {
                    continue;
                }
                compared++;
                double median = median(r);
                if (median <= 1.0) {
                    behind.add(w.id() + " / " + s.label() + String.format(Locale.ROOT, " (%.2f)", median));
                }
            }
        }
        if (compared == 0) {
            md.append("- ahead of ShardingSphere-JDBC on every workload: not measured\n");
        } else if (behind.isEmpty()) {
            md.append("- ahead of ShardingSphere-JDBC on every workload (").append(compared)
                    .append(" compared): **met**\n");
        } else {
            md.append("- ahead of ShardingSphere-JDBC on every workload: **missed** on ")
                    .append(String.join(", ", behind)).append('\n');
        }
    }

    private void check(StringBuilder md, Workload w, StatementStyle s, double target) {
        double[] r = ratios(w, s, ShardwiseTarget.NAME, DirectTarget.NAME);
        md.append("- ").append(w.label()).append(", ").append(s.label()).append(": shardwise / direct >= ")
                .append(String.format(Locale.ROOT, "%.2f", target)).append(": ");
        if (r.length == 0) {
            md.append("not measured\n");
        } else {
            double median = median(r);
            md.append(String.format(Locale.ROOT, "%.2f", median)).append(median >= target ? " **met**" : " **missed**")
                    .append(" (by p50: ").append(format(p50Ratio(w, s))).append(", by CPU/op: ")
                    .append(format(cpuRatio(w, s))).append(")\n");
        }
    }

    private String ratioText(Workload w, StatementStyle s, String numerator, String denominator) {
        double[] r = ratios(w, s, numerator, denominator);
        if (r.length == 0) {
            return "n/a";
        }
        Arrays.sort(r);
        return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", median(r), r[0], r[r.length - 1]);
    }

    /** direct p50 / shardwise p50: like a throughput ratio, but robust to descheduling; NaN when not measured. */
    double p50Ratio(Workload w, StatementStyle s) {
        Cell sw = measured(ShardwiseTarget.NAME, w, s);
        Cell direct = measured(DirectTarget.NAME, w, s);
        return sw == null || direct == null ? Double.NaN
                : (double) direct.latency.quantile(0.5) / sw.latency.quantile(0.5);
    }

    /** direct CPU/op / shardwise CPU/op; NaN when not measured. */
    double cpuRatio(Workload w, StatementStyle s) {
        Cell sw = measured(ShardwiseTarget.NAME, w, s);
        Cell direct = measured(DirectTarget.NAME, w, s);
        return sw == null || direct == null || sw.cpuMicrosPerOp() == 0 ? Double.NaN
                : direct.cpuMicrosPerOp() / sw.cpuMicrosPerOp();
    }

    private Cell measured(String target, Workload w, StatementStyle s) {
        Cell c = cell(target, w, s);
        return c == null || c.failed() || c.ops == 0 ? null : c;
    }

    private static String format(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    /** Per-round throughput ratios numerator / denominator, for the rounds where both were measured. */
    double[] ratios(Workload w, StatementStyle s, String numerator, String denominator) {
        Cell sw = cell(numerator, w, s);
        Cell other = cell(denominator, w, s);
        if (sw == null || other == null || sw.failed() || other.failed()) {
            return new double[0];
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < config.rounds(); i++) {
            if (sw.opsPerSecondByRound[i] > 0 && other.opsPerSecondByRound[i] > 0) {
                out.add(sw.opsPerSecondByRound[i] / other.opsPerSecondByRound[i]);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private String perTarget(Workload w, StatementStyle s, java.util.function.Function<Cell, String> f) {
        List<String> parts = new ArrayList<>();
        for (String t : config.targets()) {
            Cell c = cell(t, w, s);
            parts.add(c == null || c.failed() || c.ops == 0 ? "n/a" : f.apply(c));
        }
        return String.join(" / ", parts);
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, nanos < 100_000 ? "%.1f" : "%.0f", nanos / 1e3);
    }

    private Cell cell(String target, Workload w, StatementStyle s) {
        return cells.get(BenchRunner.key(target, w, s));
    }
}
