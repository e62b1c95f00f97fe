package io.shardwise.profiler.plan;

import io.shardwise.profiler.KeyRanges;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The profiler's proposal for the next topology: a versioned, immutable target layout together with the
 * predicted loads it was balanced for. {@link #diff(ShardLayout)} turns it into the steps that lead there from
 * any layout: metadata-only splits and pins first, then moves (the most load relieved per row first, timed at
 * the configured move rate against the predicted peak), then merges. Imbalance is the worst max/mean node load
 * over the load's columns (the moments of the horizon it was predicted for).
 */
public final class ShardKeyMap {
    private final long version;
    private final ShardLayout base;
    private final ShardLayout target;
    private final Map<Integer, GroupLoad> loads;
    private final double targetImbalance;
    private final long generatedAtMillis;
    private final long peakAtMillis;
    private final double moveRowsPerSecond;
    private final List<PlanStep> steps;

    public ShardKeyMap(long version, ShardLayout base, ShardLayout target, Map<Integer, GroupLoad> loads,
                       double targetImbalance, long generatedAtMillis, long peakAtMillis, double moveRowsPerSecond) {
        if (moveRowsPerSecond <= 0) {
            throw new IllegalArgumentException("move rate must be positive");
        }
        this.version = version;
        this.base = base;
        this.target = target;
        this.loads = Map.copyOf(loads);
        this.targetImbalance = targetImbalance;
        this.generatedAtMillis = generatedAtMillis;
        this.peakAtMillis = peakAtMillis;
        this.moveRowsPerSecond = moveRowsPerSecond;
        this.steps = diff(base);
    }

    public long version() {
        return version;
    }

    /** The layout this map was computed from. */
    public ShardLayout base() {
        return base;
    }

    /** The proposed layout. */
    public ShardLayout target() {
        return target;
    }

    public Map<Integer, GroupLoad> loads() {
        return loads;
    }

    public double targetImbalance() {
        return targetImbalance;
    }

    public long generatedAtMillis() {
        return generatedAtMillis;
    }

    public long peakAtMillis() {
        return peakAtMillis;
    }

    /** The steps from {@link #base()} to {@link #target()}. */
    public List<PlanStep> steps() {
        return steps;
    }

    public boolean isNoOp() {
        return steps.isEmpty();
    }

    /** Predicted load per node of the base layout, one value per load column. */
    public Map<String, double[]> nodeLoadsBefore() {
        return NodeLoads.of(base, loads);
    }

    /** Predicted load per node of the proposed layout, one value per load column. */
    public Map<String, double[]> nodeLoadsAfter() {
        return NodeLoads.of(target, loads);
    }

    public double imbalanceBefore() {
        return NodeLoads.imbalance(nodeLoadsBefore());
    }

    public double imbalanceAfter() {
        return NodeLoads.imbalance(nodeLoadsAfter());
    }

    /** Rows the moves copy in total. */
    public long rowsMoved() {
        long sum = 0;
        for (PlanStep s : steps) {
            if (s.kind() == PlanStep.Kind.MOVE) {
                sum += s.estimatedRows();
            }
        }
        return sum;
    }

    /** The steps that lead from {@code layout} to this map's target, with their predicted effect. */
    public List<PlanStep> diff(ShardLayout layout) {
        Work work = new Work(layout);
        List<PlanStep> metadata = new ArrayList<>();
        List<Pending> moves = new ArrayList<>();
        List<Pending> merges = new ArrayList<>();
        for (GroupLayout current : layout.groups()) {
            GroupLayout wanted = target.group(current.groupId());
            if (wanted != null) {
                diffGroup(work, current, wanted, metadata, moves, merges);
            }
        }
        // the most load relieved per row first: cheap moves that fix the most go early
        moves.sort(Comparator.comparingDouble((Pending p) -> -p.load / (p.rows + 1.0)));
        List<PlanStep> out = new ArrayList<>();
        double peakSeconds = (peakAtMillis - generatedAtMillis) / 1000.0;
        for (PlanStep m : metadata) {
            work.apply(m);
            out.add(withImbalance(m, work.imbalance(), 0, peakSeconds));
        }
        double clock = 0;
        for (Pending p : moves) {
            clock += p.rows / moveRowsPerSecond;
            work.apply(p.step);
            out.add(withImbalance(p.step, work.imbalance(), clock, peakSeconds));
        }
        for (Pending p : merges) {
            work.apply(p.step);
            out.add(withImbalance(p.step, work.imbalance(), clock, peakSeconds));
        }
        return Collections.unmodifiableList(out);
    }

    private static PlanStep withImbalance(PlanStep s, double imbalance, double at, double peakSeconds) {
        return new PlanStep(s.kind(), s.groupId(), s.shardId(), s.point(), s.newShardId(), s.fromNode(), s.toNode(),
                s.estimatedRows(), s.load(), imbalance, at, at <= peakSeconds);
    }

    private record Pending(PlanStep step, double load, double rows) {
    }

    private void diffGroup(Work work, GroupLayout current, GroupLayout wanted, List<PlanStep> metadata,
                           List<Pending> moves, List<Pending> merges) {
        int group = current.groupId();
        GroupLoad load = loads.get(group);
        WorkGroup wg = work.group(group);
        Set<Integer> usedIds = new HashSet<>();
        for (ShardSpec s : current.shards()) {
            usedIds.add(s.id());
        }
        int[] nextFresh = {Math.max(maxId(current), maxId(wanted)) + 1};
        // 1. splits at the target's range boundaries
        List<ShardSpec> wantedRanges = new ArrayList<>();
        for (ShardSpec t : wanted.shards()) {
            if (!t.isPinned()) {
                wantedRanges.add(t);
            }
        }
        wantedRanges.sort(Comparator.comparingLong(ShardSpec::lo));
        for (ShardSpec t : wantedRanges) {
            for (long boundary : new long[] {t.lo()}) {
                ShardSpec w = wg.rangeContaining(boundary);
                if (w != null && w.lo() < boundary) {
                    int newId = usedIds.contains(t.id()) ? nextFresh[0]++ : t.id();
                    usedIds.add(newId);
                    metadata.add(new PlanStep(PlanStep.Kind.SPLIT, group, w.id(), boundary, newId, w.node(), w.node(),
                            0, 0, 0, 0, true));
                    wg.split(w, boundary, newId);
                }
            }
        }
        // 2. pins
        Set<Long> pinnedNow = wg.layout().pinnedPoints();
        for (ShardSpec t : wanted.shards()) {
            for (Long p : t.pinned()) {
                if (pinnedNow.contains(p)) {
                    continue;
                }
                ShardSpec w = wg.rangeContaining(p);
                if (w == null) {
                    continue; // the point lies outside every range: nothing owns it yet
                }
                int newId = usedIds.contains(t.id()) ? nextFresh[0]++ : t.id();
                usedIds.add(newId);
                metadata.add(new PlanStep(PlanStep.Kind.PIN, group, w.id(), p, newId, w.node(), w.node(),
                        Math.round(wanted.rowsPerKey()), load == null ? 0 : GroupLoad.max(load.pointLoad(p)), 0, 0, true));
                wg.pin(w, p, newId, current.rowsPerKey());
            }
        }
        // 3. every working shard goes to the node of the target shard that holds its keys
        Map<Integer, List<ShardSpec>> byTarget = new HashMap<>();
        Set<Long> wantedPins = wanted.pinnedPoints();
        for (ShardSpec w : wg.layout().shards()) {
            ShardSpec t = targetOf(w, wanted, wantedPins);
            if (t == null) {
                continue;
            }
            byTarget.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(w);
            if (!t.node().equals(w.node())) {
                double shardLoad = load == null ? 0 : GroupLoad.max(load.shardLoad(w, wg.layout().pinnedPoints()));
                PlanStep step = new PlanStep(PlanStep.Kind.MOVE, group, w.id(), 0, w.id(), w.node(), t.node(),
                        w.estimatedRows(), shardLoad, 0, 0, true);
                moves.add(new Pending(step, shardLoad, w.estimatedRows()));
            }
        }
        // 4. merges: several working shards ending up in one target shard
        for (Map.Entry<Integer, List<ShardSpec>> e : byTarget.entrySet()) {
            List<ShardSpec> parts = e.getValue();
            if (parts.size() < 2) {
                continue;
            }
            ShardSpec t = wanted.shard(e.getKey());
            ShardSpec keeper = parts.get(0);
            for (ShardSpec w : parts) {
                if (w.id() == t.id() || (!w.isPinned() && keeper.isPinned())) {
                    keeper = w;
                }
            }
            for (ShardSpec w : parts) {
                if (w != keeper) {
                    merges.add(new Pending(new PlanStep(PlanStep.Kind.MERGE, group, w.id(), w.isPinned() ? w.pinned().get(0) : w.lo(),
                            keeper.id(), t.node(), t.node(), 0, 0, 0, 0, true), 0, 0));
                }
            }
        }
    }

    /** The target shard a working shard becomes part of: pinned points follow their pin, ranges their range. */
    private static ShardSpec targetOf(ShardSpec w, GroupLayout wanted, Set<Long> wantedPins) {
        long probe = w.isPinned() ? w.pinned().get(0) : w.lo();
        if (w.isPinned() && wantedPins.contains(probe)) {
            return wanted.owner(probe);
        }
        for (ShardSpec t : wanted.shards()) {
            if (t.rangeContains(probe)) {
                return t;
            }
        }
        return null;
    }

    private static int maxId(GroupLayout g) {
        int max = 0;
        for (ShardSpec s : g.shards()) {
            max = Math.max(max, s.id());
        }
        return max;
    }

    /** A mutable copy of a layout that plan steps are applied to, to predict each step's effect. */
    private final class Work {
        private final List<String> nodes;
        private final Map<Integer, WorkGroup> groups = new HashMap<>();

        Work(ShardLayout layout) {
            nodes = layout.nodes();
            for (GroupLayout g : layout.groups()) {
                groups.put(g.groupId(), new WorkGroup(g));
            }
        }

        WorkGroup group(int id) {
            return groups.get(id);
        }

        void apply(PlanStep step) {
            WorkGroup g = groups.get(step.groupId());
            switch (step.kind()) {
                case MOVE -> g.move(step.shardId(), step.toNode());
                case MERGE -> g.merge(step.shardId(), step.newShardId());
                default -> {
                    // splits and pins were applied while diffing
                }
            }
        }

        double imbalance() {
            List<GroupLayout> gl = new ArrayList<>();
            for (WorkGroup g : groups.values()) {
                gl.add(g.layout());
            }
            return NodeLoads.imbalance(NodeLoads.of(new ShardLayout(0, nodes, gl), loads));
        }
    }

    private static final class WorkGroup {
        private final int groupId;
        private final double rowsPerKey;
        private final List<ShardSpec> shards;

        WorkGroup(GroupLayout g) {
            groupId = g.groupId();
            rowsPerKey = g.rowsPerKey();
            shards = new ArrayList<>(g.shards());
        }

        GroupLayout layout() {
            return new GroupLayout(groupId, shards, rowsPerKey);
        }

        ShardSpec rangeContaining(long point) {
            for (ShardSpec s : shards) {
                if (s.rangeContains(point)) {
                    return s;
                }
            }
            return null;
        }

        void split(ShardSpec w, long at, int newId) {
            double fraction = KeyRanges.width(w.lo(), at - 1) / KeyRanges.width(w.lo(), w.hiInclusive());
            long leftRows = Math.round(w.estimatedRows() * fraction);
            shards.remove(w);
            shards.add(ShardSpec.range(w.id(), w.lo(), at, w.node(), leftRows));
            shards.add(ShardSpec.range(newId, at, w.hi(), w.node(), w.estimatedRows() - leftRows));
        }

        void pin(ShardSpec w, long point, int newId, double rowsPerPoint) {
            long rows = Math.min(w.estimatedRows(), Math.round(rowsPerPoint));
            shards.remove(w);
            shards.add(new ShardSpec(w.id(), w.lo(), w.hi(), List.of(), w.node(), w.estimatedRows() - rows));
            shards.add(ShardSpec.pinned(newId, List.of(point), w.node(), rows));
        }

        void move(int id, String node) {
            for (int i = 0; i < shards.size(); i++) {
                if (shards.get(i).id() == id) {
                    shards.set(i, shards.get(i).withNode(node));
                }
            }
        }

        void merge(int from, int into) {
            ShardSpec a = find(from);
            ShardSpec b = find(into);
            if (a == null || b == null) {
                return;
            }
            shards.remove(a);
            shards.remove(b);
            long rows = a.estimatedRows() + b.estimatedRows();
            if (a.isPinned() && b.isPinned()) {
                List<Long> points = new ArrayList<>(b.pinned());
                points.addAll(a.pinned());
                shards.add(ShardSpec.pinned(b.id(), points, b.node(), rows));
            } else if (a.isPinned()) {
                shards.add(new ShardSpec(b.id(), b.lo(), b.hi(), List.of(), b.node(), rows));
            } else {
                long lo = Math.min(a.lo(), b.lo());
                long hi = Math.max(a.hi(), b.hi());
                shards.add(ShardSpec.range(b.id(), lo, hi, b.node(), rows));
            }
        }

        private ShardSpec find(int id) {
            for (ShardSpec s : shards) {
                if (s.id() == id) {
                    return s;
                }
            }
            return null;
        }
    }
}
