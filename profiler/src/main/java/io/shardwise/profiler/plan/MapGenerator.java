package io.shardwise.profiler.plan;

import io.shardwise.profiler.KeyRanges;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes a {@link ShardKeyMap} from the current layout and the predicted loads at the peak of the next horizon.
 *
 * <ol>
 *   <li>Co-location: a group of co-accessed keys found on several nodes is brought onto the node that already
 *       carries most of its load (its keys pinned and moved, a few rows each).</li>
 *   <li>Balancing, greedy: while the most loaded node is above {@code target * mean}, every way of shedding load
 *       from it is priced: moving a whole shard, carving a prefix or suffix of a range shard (split in place, then
 *       move the piece), or pinning a single hot key and moving it. Each candidate drags along the keys co-accessed
 *       with it. The candidate relieving the most of the needed load per row moved wins (so a small shard that
 *       fixes everything beats a big one, a pinned hot key beats its whole range, and a hot range is split before
 *       it is moved), on the destination that leaves the lowest maximum.</li>
 *   <li>Pinned keys that went cold are merged back into their range.</li>
 * </ol>
 */
public final class MapGenerator {
    private final PlannerSettings settings;

    public MapGenerator(PlannerSettings settings) {
        this.settings = settings;
    }

    /**
     * @param coAccess per group, the sets of key points accessed together (to keep on one node)
     */
    public ShardKeyMap generate(long version, ShardLayout current, Map<Integer, GroupLoad> loads,
                                Map<Integer, List<Set<Long>>> coAccess, long nowMillis, long peakAtMillis) {
        State state = new State(current, loads, coAccess);
        if (state.imbalance() > settings.targetImbalance()) {
            state.coLocate();
            state.balance();
        }
        state.unpinCold();
        return new ShardKeyMap(version, current, state.toLayout(current), loads, settings.targetImbalance(),
                nowMillis, peakAtMillis, settings.moveRowsPerSecond());
    }

    /** A shard while the plan is being made: a range [lo, hi] or a set of pinned points. */
    private static final class Piece {
        final int group;
        int id;
        final boolean pinned;
        long lo;
        long hi;
        final List<Long> points;
        String node;
        double rows;
        final boolean original;

        Piece(int group, int id, boolean pinned, long lo, long hi, List<Long> points, String node, double rows, boolean original) {
            this.group = group;
            this.id = id;
            this.pinned = pinned;
            this.lo = lo;
            this.hi = hi;
            this.points = points;
            this.node = node;
            this.rows = rows;
            this.original = original;
        }

        boolean contains(long p) {
            return pinned ? points.contains(p) : p >= lo && p <= hi;
        }
    }

    /** One way of shedding load: whole pieces to move, plus pieces to carve out (a sub-range or a single point). */
    private static final class Candidate {
        final List<Piece> whole = new ArrayList<>();
        final List<long[]> carves = new ArrayList<>(); // {group, unused, lo, hi, 1 if a single pinned point}
        double shed;      // load leaving the source node
        double gained;    // load arriving at the destination
        double rows;
    }

    private final class State {
        private final ShardLayout layout;
        private final Map<Integer, GroupLoad> loads;
        private final Map<Integer, List<Set<Long>>> coAccess;
        private final Map<Integer, Double> rowsPerKey = new HashMap<>();
        private final List<Piece> pieces = new ArrayList<>();
        private final Map<Integer, Integer> nextId = new HashMap<>();

        State(ShardLayout layout, Map<Integer, GroupLoad> loads, Map<Integer, List<Set<Long>>> coAccess) {
            this.layout = layout;
            this.loads = loads;
            this.coAccess = coAccess;
            for (GroupLayout g : layout.groups()) {
                rowsPerKey.put(g.groupId(), g.rowsPerKey());
                int max = 0;
                for (ShardSpec s : g.shards()) {
                    max = Math.max(max, s.id());
                    pieces.add(new Piece(g.groupId(), s.id(), s.isPinned(), s.lo(), s.hiInclusive(),
                            new ArrayList<>(s.pinned()), s.node(), s.estimatedRows(), true));
                }
                nextId.put(g.groupId(), max + 1);
            }
        }

        // ---- loads

        Set<Long> pinnedPoints(int group) {
            Set<Long> out = new HashSet<>();
            for (Piece p : pieces) {
                if (p.group == group && p.pinned) {
                    out.addAll(p.points);
                }
            }
            return out;
        }

        double load(Piece p) {
            GroupLoad gl = loads.get(p.group);
            if (gl == null) {
                return 0;
            }
            return p.pinned ? gl.pinnedShardLoad(p.points) : gl.rangeShardLoad(p.lo, p.hi, pinnedPoints(p.group));
        }

        /** Load of keys in [lo, hi] of a range piece, without broadcast and without points pinned elsewhere. */
        double keyLoad(int group, long lo, long hi) {
            GroupLoad gl = loads.get(group);
            return gl == null ? 0 : gl.rangeShardLoad(lo, hi, pinnedPoints(group)) - gl.broadcastPerShard();
        }

        double pointLoad(int group, long point) {
            GroupLoad gl = loads.get(group);
            return gl == null ? 0 : gl.pointLoad(point);
        }

        double broadcast(int group) {
            GroupLoad gl = loads.get(group);
            return gl == null ? 0 : gl.broadcastPerShard();
        }

        Map<String, Double> nodeLoads() {
            Map<String, Double> out = new LinkedHashMap<>();
            for (String n : layout.nodes()) {
                out.put(n, 0.0);
            }
            for (Piece p : pieces) {
                out.merge(p.node, load(p), Double::sum);
            }
            return out;
        }

        double imbalance() {
            return NodeLoads.imbalance(nodeLoads());
        }

        // ---- structure changes

        Piece ownerOf(int group, long point) {
            Piece range = null;
            for (Piece p : pieces) {
                if (p.group != group) {
                    continue;
                }
                if (p.pinned && p.points.contains(point)) {
                    return p;
                }
                if (!p.pinned && p.contains(point)) {
                    range = p;
                }
            }
            return range;
        }

        Piece rangeOwner(int group, long point) {
            for (Piece p : pieces) {
                if (p.group == group && !p.pinned && p.contains(point)) {
                    return p;
                }
            }
            return null;
        }

        /** Takes {@code point} out of its range piece into a new pinned piece on the same node. */
        Piece pin(Piece range, long point) {
            double rows = Math.min(range.rows, rowsPerKey.getOrDefault(range.group, 1.0));
            range.rows -= rows;
            Piece p = new Piece(range.group, freshId(range.group), true, point, point, new ArrayList<>(List.of(point)),
                    range.node, rows, false);
            pieces.add(p);
            return p;
        }

        /** Cuts [lo, hi] (a prefix or suffix of the range piece) into its own piece; returns that piece. */
        Piece carve(Piece range, long lo, long hi) {
            double fraction = KeyRanges.width(lo, hi) / KeyRanges.width(range.lo, range.hi);
            double rows = range.rows * fraction;
            Piece carved;
            if (lo == range.lo) {
                // the carved prefix keeps the id, the rest becomes a new shard
                Piece rest = new Piece(range.group, freshId(range.group), false, hi + 1, range.hi, List.of(), range.node,
                        range.rows - rows, false);
                range.hi = hi;
                range.rows = rows;
                pieces.add(rest);
                carved = range;
            } else {
                carved = new Piece(range.group, freshId(range.group), false, lo, hi, List.of(), range.node, rows, false);
                range.hi = lo - 1;
                range.rows -= rows;
                pieces.add(carved);
            }
            return carved;
        }

        int freshId(int group) {
            int id = nextId.get(group);
            nextId.put(group, id + 1);
            return id;
        }

        // ---- phase 1: co-location

        void coLocate() {
            for (Map.Entry<Integer, List<Set<Long>>> e : coAccess.entrySet()) {
                int group = e.getKey();
                if (!loads.containsKey(group) || layout.group(group) == null) {
                    continue;
                }
                for (Set<Long> component : e.getValue()) {
                    Map<String, Double> byNode = new HashMap<>();
                    for (long point : component) {
                        Piece owner = ownerOf(group, point);
                        if (owner != null) {
                            byNode.merge(owner.node, pointLoad(group, point) + 1e-9, Double::sum);
                        }
                    }
                    if (byNode.size() < 2) {
                        continue;
                    }
                    String dest = byNode.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
                    for (long point : component) {
                        Piece owner = ownerOf(group, point);
                        if (owner == null || owner.node.equals(dest)) {
                            continue;
                        }
                        Piece mover = owner.pinned ? owner : pin(owner, point);
                        mover.node = dest;
                    }
                }
            }
        }

        // ---- phase 2: greedy balancing

        /**
         * Greedy descent on the load above the mean, summed over nodes: each round takes the candidate move that
         * removes the most of it per row copied, from any node above the target, and stops once no node is above
         * target * mean. Aiming at the mean (not at the target) leaves headroom for forecast error.
         */
        void balance() {
            for (int iter = 0; iter < settings.maxIterations(); iter++) {
                Map<String, Double> nodeLoads = nodeLoads();
                double sum = 0;
                double max = 0;
                double min = Double.MAX_VALUE;
                for (double v : nodeLoads.values()) {
                    sum += v;
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
                double mean = sum / nodeLoads.size();
                double limit = settings.targetImbalance() * mean;
                if (mean <= 0 || max <= limit + 1e-9) {
                    return;
                }
                Candidate best = null;
                String bestDest = null;
                double bestScore = 0;
                double bestGain = 0;
                for (Map.Entry<String, Double> source : nodeLoads.entrySet()) {
                    double ls = source.getValue();
                    if (ls <= limit + 1e-9) {
                        continue;
                    }
                    double[] amounts = {ls - limit, ls - mean, mean - min};
                    for (Candidate c : candidates(source.getKey(), amounts)) {
                        for (Map.Entry<String, Double> d : nodeLoads.entrySet()) {
                            if (d.getKey().equals(source.getKey())) {
                                continue;
                            }
                            double ld = d.getValue();
                            if (Math.max(ls - c.shed, ld + c.gained) >= ls - 1e-9) {
                                continue; // would only move the hot spot
                            }
                            double gain = Math.max(0, ls - mean) - Math.max(0, ls - c.shed - mean)
                                    - (Math.max(0, ld + c.gained - mean) - Math.max(0, ld - mean));
                            if (gain <= 1e-9 * Math.max(1, mean)) {
                                continue;
                            }
                            // each new shard costs like one more row: a whole shard beats a carve of equal rows
                            double score = gain / (c.rows + 1.0 + c.carves.size());
                            if (score > bestScore * (1 + 1e-9) || (score >= bestScore * (1 - 1e-9) && gain > bestGain)) {
                                best = c;
                                bestDest = d.getKey();
                                bestScore = score;
                                bestGain = gain;
                            }
                        }
                    }
                }
                if (best == null) {
                    return;
                }
                apply(best, bestDest);
            }
        }

        private List<Candidate> candidates(String over, double[] amounts) {
            List<Candidate> out = new ArrayList<>();
            List<Piece> onNode = new ArrayList<>();
            for (Piece p : pieces) {
                if (p.node.equals(over)) {
                    onNode.add(p);
                }
            }
            for (Piece p : onNode) {
                double load = load(p);
                if (load <= 0) {
                    continue;
                }
                Candidate whole = new Candidate();
                whole.whole.add(p);
                whole.shed = load;
                whole.gained = load;
                whole.rows = p.rows;
                out.add(closed(whole, over));
                if (p.pinned) {
                    continue;
                }
                double keys = keyLoad(p.group, p.lo, p.hi);
                if (p.hi > p.lo) {
                    double[] tries = java.util.Arrays.copyOf(amounts, amounts.length + 1);
                    tries[amounts.length] = keys / 2;
                    for (double amount : tries) {
                        if (amount <= 0 || amount >= keys) {
                            continue;
                        }
                        long prefixEnd = prefixEnd(p, amount);
                        if (prefixEnd >= p.lo && prefixEnd < p.hi) {
                            out.add(closed(carveCandidate(p, p.lo, prefixEnd), over));
                        }
                        long suffixStart = suffixStart(p, amount);
                        if (suffixStart > p.lo && suffixStart <= p.hi) {
                            out.add(closed(carveCandidate(p, suffixStart, p.hi), over));
                        }
                    }
                }
                GroupLoad gl = loads.get(p.group);
                if (gl != null) {
                    Set<Long> pinned = pinnedPoints(p.group);
                    for (Map.Entry<Long, Double> hot : gl.hotKeys().entrySet()) {
                        long point = hot.getKey();
                        if (p.contains(point) && !pinned.contains(point) && hot.getValue() > 0) {
                            Candidate c = new Candidate();
                            c.carves.add(new long[] {p.group, 0, point, point, 1});
                            c.shed = hot.getValue();
                            c.gained = hot.getValue() + broadcast(p.group);
                            c.rows = Math.min(p.rows, rowsPerKey.getOrDefault(p.group, 1.0));
                            out.add(closed(c, over));
                        }
                    }
                }
            }
            return out;
        }

        private Candidate carveCandidate(Piece p, long lo, long hi) {
            Candidate c = new Candidate();
            c.carves.add(new long[] {p.group, 0, lo, hi, 0});
            double keys = keyLoad(p.group, lo, hi);
            c.shed = keys;
            c.gained = keys + broadcast(p.group);
            c.rows = p.rows * KeyRanges.width(lo, hi) / KeyRanges.width(p.lo, p.hi);
            return c;
        }

        /** Smallest e in [lo, hi] with keyLoad(lo, e) >= amount (hi when never). */
        private long prefixEnd(Piece p, double amount) {
            long a = p.lo;
            long b = p.hi;
            while (a < b) {
                long mid = a + ((b - a) >>> 1);
                if (keyLoad(p.group, p.lo, mid) >= amount) {
                    b = mid;
                } else {
                    a = mid + 1;
                }
            }
            return a;
        }

        /** Largest s in [lo, hi] with keyLoad(s, hi) >= amount (lo when never). */
        private long suffixStart(Piece p, double amount) {
            long a = p.lo;
            long b = p.hi;
            while (a < b) {
                long mid = a + ((b - a) >>> 1) + 1;
                if (keyLoad(p.group, mid, p.hi) >= amount) {
                    a = mid;
                } else {
                    b = mid - 1;
                }
            }
            return a;
        }

        /** Adds to the candidate the keys co-accessed with what it moves (and still on the source node). */
        private Candidate closed(Candidate c, String over) {
            List<Set<Long>> all = new ArrayList<>();
            Set<Integer> groups = new HashSet<>();
            for (Piece p : c.whole) {
                groups.add(p.group);
            }
            for (long[] cv : c.carves) {
                groups.add((int) cv[0]);
            }
            for (int g : groups) {
                all.addAll(coAccess.getOrDefault(g, List.of()));
            }
            if (all.isEmpty()) {
                return c;
            }
            boolean grew = true;
            Set<Set<Long>> done = new HashSet<>();
            while (grew) {
                grew = false;
                for (int g : groups) {
                    for (Set<Long> component : coAccess.getOrDefault(g, List.of())) {
                        if (done.contains(component) || !touches(c, g, component)) {
                            continue;
                        }
                        done.add(component);
                        grew = true;
                        for (long q : component) {
                            if (covers(c, g, q)) {
                                continue;
                            }
                            Piece owner = ownerOf(g, q);
                            if (owner == null || !owner.node.equals(over)) {
                                continue;
                            }
                            if (owner.pinned) {
                                double load = load(owner);
                                c.whole.add(owner);
                                c.shed += load;
                                c.gained += load;
                                c.rows += owner.rows;
                            } else {
                                double pl = pointLoad(g, q);
                                c.carves.add(new long[] {g, 0, q, q, 1});
                                c.shed += pl;
                                c.gained += pl + broadcast(g);
                                c.rows += Math.min(owner.rows, rowsPerKey.getOrDefault(g, 1.0));
                            }
                        }
                    }
                }
            }
            return c;
        }

        private boolean touches(Candidate c, int group, Set<Long> component) {
            for (long q : component) {
                if (covers(c, group, q)) {
                    return true;
                }
            }
            return false;
        }

        private boolean covers(Candidate c, int group, long q) {
            for (Piece p : c.whole) {
                if (p.group == group && p.contains(q)) {
                    return !(p.pinned == false && pinnedPoints(group).contains(q));
                }
            }
            for (long[] cv : c.carves) {
                if (cv[0] == group && q >= cv[2] && q <= cv[3]) {
                    return true;
                }
            }
            return false;
        }

        private void apply(Candidate c, String dest) {
            for (Piece p : c.whole) {
                p.node = dest;
            }
            for (int i = 0; i < c.carves.size(); i++) {
                long[] cv = c.carves.get(i);
                // an earlier carve of this candidate may have cut the piece: find the current owner of the range
                Piece owner = cv[4] == 1 ? ownerOf((int) cv[0], cv[2]) : rangeOwner((int) cv[0], cv[2]);
                if (owner == null) {
                    continue;
                }
                if (owner.pinned) {
                    owner.node = dest; // already pinned (by an earlier carve of this candidate)
                    continue;
                }
                Piece moved;
                if (cv[4] == 1) {
                    moved = pin(owner, cv[2]);
                } else if (cv[2] <= owner.lo && cv[3] >= owner.hi) {
                    moved = owner;
                } else {
                    moved = carve(owner, Math.max(cv[2], owner.lo), Math.min(cv[3], owner.hi));
                }
                moved.node = dest;
            }
        }

        // ---- phase 3: cold pins go back into their range

        void unpinCold() {
            Map<String, Double> nodeLoads = nodeLoads();
            double mean = 0;
            for (double v : nodeLoads.values()) {
                mean += v;
            }
            mean /= nodeLoads.size();
            List<Piece> merged = new ArrayList<>();
            for (Piece p : pieces) {
                if (!p.pinned || !p.original || p.points.size() != 1) {
                    continue;
                }
                long point = p.points.get(0);
                if (pointLoad(p.group, point) >= settings.unpinFraction() * mean) {
                    continue;
                }
                Piece range = null;
                for (Piece r : pieces) {
                    if (r.group == p.group && !r.pinned && r.contains(point)) {
                        range = r;
                    }
                }
                if (range != null && range.node.equals(p.node)) {
                    range.rows += p.rows;
                    merged.add(p);
                }
            }
            pieces.removeAll(merged);
        }

        ShardLayout toLayout(ShardLayout current) {
            List<GroupLayout> groups = new ArrayList<>();
            for (GroupLayout g : current.groups()) {
                List<ShardSpec> shards = new ArrayList<>();
                for (Piece p : pieces) {
                    if (p.group != g.groupId()) {
                        continue;
                    }
                    long rows = Math.max(0, Math.round(p.rows));
                    if (p.pinned) {
                        shards.add(ShardSpec.pinned(p.id, p.points, p.node, rows));
                    } else {
                        long hiExclusive = p.hi == Long.MAX_VALUE ? Long.MAX_VALUE : p.hi + 1;
                        shards.add(ShardSpec.range(p.id, p.lo, hiExclusive, p.node, rows));
                    }
                }
                groups.add(new GroupLayout(g.groupId(), shards, g.rowsPerKey()));
            }
            return new ShardLayout(current.version() + 1, current.nodes(), groups);
        }
    }
}
