package io.shardwise.agent;

import io.shardwise.profiler.analysis.ForecastEntry;
import io.shardwise.profiler.analysis.ForecastReport;
import io.shardwise.profiler.analysis.GroupForecast;
import io.shardwise.profiler.analysis.Hotspot;
import io.shardwise.profiler.plan.GroupLayout;
import io.shardwise.profiler.plan.PlanStep;
import io.shardwise.profiler.plan.ShardKeyMap;
import io.shardwise.profiler.plan.ShardLayout;
import io.shardwise.profiler.plan.ShardSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Builds the report model from the recorder and the profiler and writes {@code shardwise-profile.json} and
 * {@code shardwise-profile.html} (atomically: a reader never sees half a file).
 */
final class ProfileReport {
    static final int HOT_KEYS = 20;
    static final int PROPOSAL_NODES = 3;

    /** One group's part of the report; the JSON and the HTML render the same values. */
    record GroupReport(String name, List<String> tables, long reads, long writes, long withoutKey,
                       List<KeyCount> hotKeys, List<long[]> timeline, List<SegmentForecast> segments,
                       List<String> hotspots, List<String> steps, String proposalNote) {
    }

    record KeyCount(Object key, long count, double share, double predictedPerSecond) {
    }

    record SegmentForecast(long lo, long hi, double actual, double predictedNext) {
    }

    private final ProfileRecorder recorder;

    ProfileReport(ProfileRecorder recorder) {
        this.recorder = recorder;
    }

    void writeQuietly() {
        try {
            write();
        } catch (Throwable t) {
            System.err.println("shardwise-agent: writing the report failed: " + t);
        }
    }

    synchronized void write() throws IOException {
        recorder.profiler.rollIfDue();
        List<GroupReport> groups = build();
        Path dir = recorder.config.reportDir();
        Files.createDirectories(dir);
        long elapsed = System.currentTimeMillis() - recorder.startMillis;
        writeAtomically(dir.resolve("shardwise-profile.json"),
                ReportJson.render(groups, recorder.startMillis, elapsed, recorder.bucketMillis(),
                        recorder.failures.get()));
        writeAtomically(dir.resolve("shardwise-profile.html"),
                HtmlReport.render(groups, elapsed, recorder.bucketMillis()));
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    List<GroupReport> build() {
        ForecastReport forecast = safe(() -> recorder.profiler.forecast());
        List<Hotspot> hotspots = safe(() -> recorder.profiler.hotspots());
        ShardLayout layout = evenLayout();
        String proposalNote = null;
        ShardKeyMap map = null;
        try {
            map = recorder.profiler.propose(layout);
        } catch (RuntimeException e) {
            proposalNote = "no proposal yet: " + e.getMessage();
        }
        List<GroupReport> out = new ArrayList<>();
        double elapsedSeconds = Math.max(1, System.currentTimeMillis() - recorder.startMillis) / 1000.0;
        for (Map.Entry<String, Integer> g : recorder.groupIds.entrySet()) {
            String group = g.getKey();
            int gid = g.getValue();
            List<String> tables = new ArrayList<>();
            long reads = 0;
            long writes = 0;
            long withoutKey = 0;
            Map<Object, Long> counts = new java.util.HashMap<>();
            for (Map.Entry<String, ProfileRecorder.TableStats> t : recorder.tables.entrySet()) {
                ProfileRecorder.TableStats s = t.getValue();
                if (!s.group.equals(group)) {
                    continue;
                }
                tables.add(t.getKey());
                reads += s.reads.sum();
                writes += s.writes.sum();
                withoutKey += s.withoutKey.sum();
                for (Map.Entry<Object, LongAdder> k : s.keys.entrySet()) {
                    counts.merge(k.getKey(), k.getValue().sum(), Long::sum);
                }
            }
            long keyed = counts.values().stream().mapToLong(Long::longValue).sum();
            Map<Object, Double> predicted = predictedRates(forecast, hotspots, gid);
            List<KeyCount> hot = counts.entrySet().stream()
                    .sorted(Map.Entry.<Object, Long>comparingByValue().reversed()).limit(HOT_KEYS)
                    .map(e -> new KeyCount(e.getKey(), e.getValue(), keyed == 0 ? 0 : (double) e.getValue() / keyed,
                            predicted.getOrDefault(e.getKey(), e.getValue() / elapsedSeconds)))
                    .toList();
            List<long[]> timeline = new ArrayList<>();
            for (Map.Entry<Long, AtomicLongArray> b : new TreeMap<>(recorder.timelines.get(group)).entrySet()) {
                long[] row = new long[ProfileRecorder.SEGMENTS + 1];
                row[0] = b.getKey();
                for (int i = 0; i < ProfileRecorder.SEGMENTS; i++) {
                    row[i + 1] = b.getValue().get(i);
                }
                timeline.add(row);
            }
            List<SegmentForecast> segments = new ArrayList<>();
            List<String> spots = new ArrayList<>();
            GroupForecast gf = forecast == null ? null : forecast.group(gid);
            if (gf != null) {
                for (ForecastEntry e : gf.segments()) {
                    segments.add(new SegmentForecast(e.lo(), e.hi(), forecast.perSecond(e.actual()),
                            forecast.perSecond(e.predictedNext())));
                }
            }
            if (hotspots != null) {
                for (Hotspot h : hotspots) {
                    if (h.groupId() == gid) {
                        spots.add(String.format("%s %s: %.1f/s now, %.1f/s predicted (%s)", h.kind(),
                                h.keyValue() != null ? h.keyValue() : "[" + h.lo() + ", " + h.hi() + "]",
                                h.currentPerSecond(), h.predictedPerSecond(), h.tier()));
                    }
                }
            }
            List<String> steps = new ArrayList<>();
            if (map != null) {
                for (PlanStep s : map.steps()) {
                    if (s.groupId() == gid) {
                        steps.add(s.describe());
                    }
                }
            }
            out.add(new GroupReport(group, tables, reads, writes, withoutKey, hot, timeline, segments, spots, steps,
                    proposalNote));
        }
        return out;
    }

    private static Map<Object, Double> predictedRates(ForecastReport f, List<Hotspot> hotspots, int gid) {
        Map<Object, Double> rates = new java.util.HashMap<>();
        if (hotspots != null) {
            for (Hotspot h : hotspots) {
                if (h.groupId() == gid && h.keyValue() != null) {
                    rates.put(ProfileRecorder.canonical(h.keyValue()), h.predictedPerSecond());
                }
            }
        }
        GroupForecast gf = f == null ? null : f.group(gid);
        if (gf != null) {
            for (ForecastEntry e : gf.keys()) {
                if (e.keyValue() != null) {
                    rates.putIfAbsent(ProfileRecorder.canonical(e.keyValue()), f.perSecond(e.predictedNext()));
                }
            }
        }
        return rates;
    }

    /** The hypothetical layout the proposal starts from: every group in 3 equal hash ranges on 3 nodes. */
    private ShardLayout evenLayout() {
        List<String> nodes = new ArrayList<>();
        for (int i = 1; i <= PROPOSAL_NODES; i++) {
            nodes.add("node" + i);
        }
        List<GroupLayout> groups = new ArrayList<>();
        long width = Long.MAX_VALUE / PROPOSAL_NODES;
        for (int gid : recorder.groupIds.values()) {
            List<ShardSpec> shards = new ArrayList<>();
            for (int i = 0; i < PROPOSAL_NODES; i++) {
                long lo = i * width;
                long hi = i == PROPOSAL_NODES - 1 ? Long.MAX_VALUE : (i + 1) * width;
                shards.add(ShardSpec.range(i, lo, hi, nodes.get(i), 0));
            }
            groups.add(new GroupLayout(gid, shards, 1.0));
        }
        return new ShardLayout(1, nodes, groups);
    }

    private interface Source<T> {
        T get();
    }

    private static <T> T safe(Source<T> s) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            return null; // too little history for a forecast yet: the report shows the counts it has
        }
    }
}
