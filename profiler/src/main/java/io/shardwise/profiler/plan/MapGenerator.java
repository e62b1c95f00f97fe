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
 * Computes a {@link ShardKeyMap} from the current layout and the predicted loads over the next horizon. Loads are
 * vectors, one value per future moment ("column"); a node is over target when it is at any moment, and a move's
 * worth is summed over all moments, so a placement that balances the whole day is preferred to one that only
 * balances the next hour (and would have to be undone the hour after).
 *
 * <ol>
 *   <li>Co-location: a group of co-accessed keys found on several nodes is brought onto the node that already
 *       carries most of its load (its keys pinned and moved, a few rows each).</li>
 *   <li>Balancing, greedy: while some node is above {@code target} times the mean node load of the busiest
 *       moment, every way of shedding load from every such node (at its worst moment) is priced: moving a whole
 *       shard, carving a prefix or suffix of a range shard (split in place, then move the piece), or pinning a
 *       single hot key and moving it. Each candidate drags along the keys co-accessed with it. A candidate is worth
 *       the load above the mean it removes (summed over nodes and moments) per row copied, each new shard counting
 *       as {@code newShardCostRows} rows; the best candidate on its best destination is applied (so a small shard
 *       that fixes everything beats a big one, a pinned hot key beats its whole range, and a hot range is split
 *       before it is moved). Moves that would only relocate the hot spot are refused.</li>
 *   <li>Pinned keys that went cold are merged back into their range.</li>
 * </ol>
 */
public final class MapGenerator {
    /** A key is worth a shard of its own only if it carries at least this share of the average node's peak load. */
    static final double MIN_PIN_SHARE = 0.05;

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
        final double[] shed;      // load leaving the source node, per column
        final double[] gained;    // load arriving at the destination, per column
        double rows;

        Candidate(int columns) {
            shed = new double[columns];
            gained = new double[columns];
        }
    }

    private final class State {
        private final ShardLayout layout;
        private final Map<Integer, GroupLoad> loads;
        private final Map<Integer, List<Set<Long>>> coAccess;
        private final Map<Integer, Double> rowsPerKey = new HashMap<>();
        private final List<Piece> pieces = new ArrayList<>();
        private final Map<Integer, Integer> nextId = new HashMap<>();
        private final int columns;

        State(ShardLayout layout, Map<Integer, GroupLoad> loads, Map<Integer, List<Set<Long>>> coAccess) {
            this.layout = layout;
            this.loads = loads;
            this.coAccess = coAccess;
            int c = 1;
            for (GroupLoad gl : loads.values()) {
                c = Math.max(c, gl.columns());
            }
            columns = c;
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

        double[] load(Piece p) {
            GroupLoad gl = loads.get(p.group);
            if (gl == null) {
                return new double[columns];
            }
            return p.pinned ? gl.pinnedShardLoad(p.points) : gl.rangeShardLoad(p.lo, p.hi, pinnedPoints(p.group));
        }

        /** Load of keys in [lo, hi] of a range piece, without broadcast and without points pinned elsewhere. */
        double[] keyLoad(int group, long lo, long hi) {
            GroupLoad gl = loads.get(group);
            return gl == null ? new double[columns] : gl.rangeKeyLoad(lo, hi, pinnedPoints(group));
        }

        /** The same at one column (for the binary searches that place split points). */
        double keyLoadAt(int group, long lo, long hi, int column, Set<Long> pinned) {
            GroupLoad gl = loads.get(group);
            if (gl == null) {
                return 0;
            }
            double load = gl.rangeLoadAt(lo, hi, column);
            for (Long p : pinned) {
                if (p >= lo && p <= hi) {
                    load -= gl.pointLoad(p)[column];
                }
            }
            return Math.max(0, load);
        }

        double[] pointLoad(int group, long point) {
            GroupLoad gl = loads.get(group);
            return gl == null ? new double[columns] : gl.pointLoad(point);
        }

        double[] broadcast(int group) {
            double[] out = new double[columns];
            GroupLoad gl = loads.get(group);
            if (gl != null) {
                for (int c = 0; c < columns; c++) {
                    out[c] = gl.broadcastPerShard(c);
                }
            }
            return out;
        }

        Map<String, double[]> nodeLoads() {
            Map<String, double[]> out = new LinkedHashMap<>();
            for (String n : layout.nodes()) {
                out.put(n, new double[columns]);
            }
            for (Piece p : pieces) {
                GroupLoad.add(out.get(p.node), load(p), 1);
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
                            byNode.merge(owner.node, sum(pointLoad(group, point)) + 1e-9, Double::sum);
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
                Map<String, double[]> nodeLoads = nodeLoads();
                int n = nodeLoads.size();
                double[] mean = new double[columns];
                double[] min = new double[columns];
                java.util.Arrays.fill(min, Double.MAX_VALUE);
                for (double[] v : nodeLoads.values()) {
                    for (int c = 0; c < columns; c++) {
                        mean[c] += v[c] / n;
                        min[c] = Math.min(min[c], v[c]);
                    }
                }
                double peakMean = 0;
                for (double m : mean) {
                    peakMean = Math.max(peakMean, m);
                }
                if (peakMean <= 0) {
                    return;
                }
                // over target: above target * the mean node load of the busiest moment, at any moment
                double limit = settings.targetImbalance() * peakMean;
                Candidate best = null;
                String bestDest = null;
                double bestScore = 0;
                double bestGain = 0;
                for (Map.Entry<String, double[]> source : nodeLoads.entrySet()) {
                    double[] ls = source.getValue();
                    int worst = -1;
                    for (int c = 0; c < columns; c++) {
                        if (ls[c] > limit + 1e-9 * peakMean && (worst < 0 || ls[c] > ls[worst])) {
                            worst = c;
                        }
                    }
                    if (worst < 0) {
                        continue;
                    }
                    double[] amounts = {ls[worst] - limit, ls[worst] - mean[worst], mean[worst] - min[worst]};
                    for (Candidate c : candidates(source.getKey(), worst, amounts, MIN_PIN_SHARE * peakMean)) {
                        for (Map.Entry<String, double[]> d : nodeLoads.entrySet()) {
                            if (d.getKey().equals(source.getKey())) {
                                continue;
                            }
                            double[] ld = d.getValue();
                            if (Math.max(ls[worst] - c.shed[worst], ld[worst] + c.gained[worst]) >= ls[worst] - 1e-9) {
                                continue; // would only move the hot spot
                            }
                            double gain = 0;
                            for (int k = 0; k < columns; k++) {
                                gain += Math.max(0, ls[k] - mean[k]) - Math.max(0, ls[k] - c.shed[k] - mean[k])
                                        - (Math.max(0, ld[k] + c.gained[k] - mean[k]) - Math.max(0, ld[k] - mean[k]));
                            }
                            if (gain <= 1e-9 * Math.max(1, mean[worst])) {
                                continue;
                            }
                            // a new shard costs like copying newShardCostRows rows: metadata, routing, one more
                            // thing to watch; so a whole shard beats a carve of similar rows, and tiny keys stay put
                            double score = gain / (c.rows + 1.0 + c.carves.size() * settings.newShardCostRows());
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

        private List<Candidate> candidates(String over, int column, double[] amounts, double minPinLoad) {
            List<Candidate> out = new ArrayList<>();
            List<Piece> onNode = new ArrayList<>();
            for (Piece p : pieces) {
                if (p.node.equals(over)) {
                    onNode.add(p);
                }
            }
            for (Piece p : onNode) {
                double[] load = load(p);
                if (sum(load) <= 0) {
                    continue;
                }
                Candidate whole = new Candidate(columns);
                whole.whole.add(p);
                GroupLoad.add(whole.shed, load, 1);
                GroupLoad.add(whole.gained, load, 1);
                whole.rows = p.rows;
                out.add(closed(whole, over));
                if (p.pinned) {
                    continue;
                }
                Set<Long> pinned = pinnedPoints(p.group);
                double keys = keyLoadAt(p.group, p.lo, p.hi, column, pinned);
                if (p.hi > p.lo) {
                    double[] tries = java.util.Arrays.copyOf(amounts, amounts.length + 1);
                    tries[amounts.length] = keys / 2;
                    for (double amount : tries) {
                        if (amount <= 0 || amount >= keys) {
                            continue;
                        }
                        long prefixEnd = prefixEnd(p, amount, column, pinned);
                        if (prefixEnd >= p.lo && prefixEnd < p.hi) {
                            out.add(closed(carveCandidate(p, p.lo, prefixEnd), over));
                        }
                        long suffixStart = suffixStart(p, amount, column, pinned);
                        if (suffixStart > p.lo && suffixStart <= p.hi) {
                            out.add(closed(carveCandidate(p, suffixStart, p.hi), over));
                        }
                    }
                }
                GroupLoad gl = loads.get(p.group);
                if (gl != null) {
                    for (long point : gl.hotKeyPoints()) {
                        double[] hot = gl.hotKey(point);
                        if (p.contains(point) && !pinned.contains(point) && hot[column] >= minPinLoad && hot[column] > 0) {
                            Candidate c = new Candidate(columns);
                            c.carves.add(new long[] {p.group, 0, point, point, 1});
                            GroupLoad.add(c.shed, hot, 1);
                            GroupLoad.add(c.gained, hot, 1);
                            GroupLoad.add(c.gained, broadcast(p.group), 1);
                            c.rows = Math.min(p.rows, rowsPerKey.getOrDefault(p.group, 1.0));
                            out.add(closed(c, over));
                        }
                    }
                }
            }
            return out;
        }

        private Candidate carveCandidate(Piece p, long lo, long hi) {
            Candidate c = new Candidate(columns);
            c.carves.add(new long[] {p.group, 0, lo, hi, 0});
            double[] keys = keyLoad(p.group, lo, hi);
            GroupLoad.add(c.shed, keys, 1);
            GroupLoad.add(c.gained, keys, 1);
            GroupLoad.add(c.gained, broadcast(p.group), 1);
            c.rows = p.rows * KeyRanges.width(lo, hi) / KeyRanges.width(p.lo, p.hi);
            return c;
        }

        /** Smallest e in [lo, hi] with keyLoad(lo, e) >= amount (hi when never). */
        private long prefixEnd(Piece p, double amount, int column, Set<Long> pinned) {
            long a = p.lo;
            long b = p.hi;
            while (a < b) {
                long mid = a + ((b - a) >>> 1);
                if (keyLoadAt(p.group, p.lo, mid, column, pinned) >= amount) {
                    b = mid;
                } else {
                    a = mid + 1;
                }
            }
            return a;
        }

        /** Largest s in [lo, hi] with keyLoad(s, hi) >= amount (lo when never). */
        private long suffixStart(Piece p, double amount, int column, Set<Long> pinned) {
            long a = p.lo;
            long b = p.hi;
            while (a < b) {
                long mid = a + ((b - a) >>> 1) + 1;
                if (keyLoadAt(p.group, mid, p.hi, column, pinned) >= amount) {
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
                                double[] load = load(owner);
                                c.whole.add(owner);
                                GroupLoad.add(c.shed, load, 1);
                                GroupLoad.add(c.gained, load, 1);
                                c.rows += owner.rows;
                            } else {
                                double[] pl = pointLoad(g, q);
                                c.carves.add(new long[] {g, 0, q, q, 1});
                                GroupLoad.add(c.shed, pl, 1);
                                GroupLoad.add(c.gained, pl, 1);
                                GroupLoad.add(c.gained, broadcast(g), 1);
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
            Map<String, double[]> nodeLoads = nodeLoads();
            double mean = 0;
            for (double[] v : nodeLoads.values()) {
                mean += GroupLoad.max(v) / nodeLoads.size();
            }
            List<Piece> merged = new ArrayList<>();
            for (Piece p : pieces) {
                if (!p.pinned || !p.original || p.points.size() != 1) {
                    continue;
                }
                long point = p.points.get(0);
                if (GroupLoad.max(pointLoad(p.group, point)) >= settings.unpinFraction() * mean) {
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

        private static double sum(double[] v) {
            double s = 0;
            for (double x : v) {
                s += x;
            }
            return s;
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
