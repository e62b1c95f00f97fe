package io.shardwise.bench.driver;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one run of the driver benchmark does. Built from the command line: an optional preset ({@code full}, the
 * default, or {@code smoke}) followed by {@code key=value} overrides, e.g. {@code smoke targets=direct,shardwise}.
 */
public record BenchConfig(
        String preset,
        int rows,
        int batchSize,
        int shardwiseShards,
        long warmupMillis,
        int warmupPasses,
        long windowMillis,
        int rounds,
        long seed,
        List<String> targets,
        Set<Workload> workloads,
        Set<StatementStyle> styles) {

    public static final List<String> ALL_TARGETS =
            List.of(DirectTarget.NAME, ShardwiseTarget.NAME, ShardingSphereTarget.NAME);

    public BenchConfig {
        if (rows < 100) {
            throw new IllegalArgumentException("rows must be at least 100 (ORDER BY ... LIMIT reads 10 rows), got " + rows);
        }
        if (batchSize < 1 || shardwiseShards < 1 || rounds < 1 || warmupPasses < 0 || windowMillis < 1) {
            throw new IllegalArgumentException("batch, sw-shards, rounds and window-ms must be positive");
        }
        if (!targets.contains(DirectTarget.NAME)) {
            throw new IllegalArgumentException("targets must include '" + DirectTarget.NAME
                    + "': it is the reference every other target is checked and compared against");
        }
        targets = List.copyOf(targets);
        workloads = Set.copyOf(workloads);
        styles = Set.copyOf(styles);
    }

    /**
     * About 5 minutes on 2 cores: 30 cells x (2 x 1.5 s warm-up + 30 x 0.2 s measured). Many short windows keep the
     * targets of one round close in time, so load swings of this shared machine hit them alike.
     */
    public static BenchConfig full() {
        return new BenchConfig("full", 10_000, 20, 2, 1_500, 2, 200, 30, 42L, ALL_TARGETS,
                EnumSet.allOf(Workload.class), EnumSet.allOf(StatementStyle.class));
    }

    /** A few seconds: proves every target and workload runs and agrees, measures nothing worth quoting. */
    public static BenchConfig smoke() {
        return new BenchConfig("smoke", 1_000, 10, 2, 100, 1, 100, 2, 42L, ALL_TARGETS,
                EnumSet.allOf(Workload.class), EnumSet.allOf(StatementStyle.class));
    }

    public static BenchConfig parse(String... args) {
        BenchConfig base = full();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String arg : args) {
            String a = arg.trim();
            if (a.isEmpty()) {
                continue;
            }
            int eq = a.indexOf('=');
            if (eq < 0) {
                base = switch (a.toLowerCase(Locale.ROOT)) {
                    case "full" -> full();
                    case "smoke" -> smoke();
                    default -> throw new IllegalArgumentException(
                            "unknown preset '" + a + "' (use full or smoke, then key=value overrides)");
                };
            } else {
                overrides.put(a.substring(0, eq).trim().toLowerCase(Locale.ROOT), a.substring(eq + 1).trim());
            }
        }
        return base.with(overrides);
    }

    private BenchConfig with(Map<String, String> o) {
        int rows = this.rows;
        int batch = this.batchSize;
        int shards = this.shardwiseShards;
        long warmup = this.warmupMillis;
        int passes = this.warmupPasses;
        long window = this.windowMillis;
        int rounds = this.rounds;
        long seed = this.seed;
        List<String> targets = this.targets;
        Set<Workload> workloads = this.workloads;
        Set<StatementStyle> styles = this.styles;
        for (Map.Entry<String, String> e : o.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "rows" -> rows = Integer.parseInt(v);
                case "batch" -> batch = Integer.parseInt(v);
                case "sw-shards" -> shards = Integer.parseInt(v);
                case "warmup-ms" -> warmup = Long.parseLong(v);
                case "warmup-passes" -> passes = Integer.parseInt(v);
                case "window-ms" -> window = Long.parseLong(v);
                case "rounds" -> rounds = Integer.parseInt(v);
                case "seed" -> seed = Long.parseLong(v);
                case "targets" -> targets = parseTargets(v);
                case "workloads" -> workloads = parseWorkloads(v);
                case "styles" -> styles = parseStyles(v);
                default -> throw new IllegalArgumentException("unknown benchmark option '" + e.getKey()
                        + "' (known: rows, batch, sw-shards, warmup-ms, warmup-passes, window-ms, rounds, seed,"
                        + " targets, workloads, styles)");
            }
        }
        return new BenchConfig(preset, rows, batch, shards, warmup, passes, window, rounds, seed, targets, workloads,
                styles);
    }

    private static List<String> parseTargets(String v) {
        List<String> out = new ArrayList<>();
        for (String t : v.split(",")) {
            String name = t.trim().toLowerCase(Locale.ROOT);
            if (!ALL_TARGETS.contains(name)) {
                throw new IllegalArgumentException("unknown target '" + t + "' (known: " + ALL_TARGETS + ")");
            }
            out.add(name);
        }
        // Keep the canonical order so reports always read direct, shardwise, shardingsphere.
        return ALL_TARGETS.stream().filter(out::contains).toList();
    }

    private static Set<Workload> parseWorkloads(String v) {
        Set<Workload> out = EnumSet.noneOf(Workload.class);
        for (String w : v.split(",")) {
            out.add(Workload.byId(w.trim()));
        }
        return out;
    }

    private static Set<StatementStyle> parseStyles(String v) {
        Set<StatementStyle> out = EnumSet.noneOf(StatementStyle.class);
        for (String s : v.split(",")) {
            out.add(StatementStyle.byId(s.trim()));
        }
        return out;
    }

    /** Workloads in declaration order (the report's row order). */
    public List<Workload> orderedWorkloads() {
        return EnumSet.copyOf(workloads).stream().toList();
    }

    public List<StatementStyle> orderedStyles() {
        return EnumSet.copyOf(styles).stream().toList();
    }

    public String describe() {
        return "preset=" + preset + " rows=" + rows + " batch=" + batchSize + " sw-shards=" + shardwiseShards
                + " warmup=" + warmupPasses + "x" + warmupMillis + "ms window=" + windowMillis + "ms rounds=" + rounds
                + " seed=" + seed + " targets=" + String.join(",", targets);
    }
}
