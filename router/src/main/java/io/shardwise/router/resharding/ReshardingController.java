package io.shardwise.router.resharding;

import io.shardwise.profiler.ProfilerListener;
import io.shardwise.profiler.ProfilerUpdate;
import io.shardwise.profiler.TimeSource;
import io.shardwise.profiler.analysis.ForecastEntry;
import io.shardwise.profiler.analysis.GroupForecast;
import io.shardwise.profiler.plan.NodeLoads;
import io.shardwise.profiler.plan.PlanStep;
import io.shardwise.profiler.plan.ShardKeyMap;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Closes the loop between the profiler and the migration engine. Every bucket (as a {@link ProfilerListener}, on
 * the profiler's rolling thread) it takes the proposed shard key map; when the imbalance it trusts (predictive: the
 * forecast over the horizon; reactive: the next step only) has stayed above the threshold for
 * {@code persistBuckets} buckets, it executes the map's steps: splits and pins first (metadata only, in place),
 * then moves, within the per-node limit on concurrent migrations, the hourly row budget and the per-shard
 * cool-down. Moves run asynchronously in the engine; their outcome is folded into the decision at later buckets,
 * and their measured rows/s becomes the rate the predictive mode plans with.
 *
 * <p>Single-threaded by design: only the profiler's thread calls {@link #onUpdate}; the views read a copy.
 */
public final class ReshardingController implements ProfilerListener {
    private static final System.Logger LOG = System.getLogger(ReshardingController.class.getName());
    private static final int MAX_DECISIONS = 1000;
    private static final long HOUR_MILLIS = 3_600_000L;

    private final ReshardingSettings settings;
    private final ReshardingActions actions;
    private final Leadership leadership;
    private final TimeSource time;

    private final Deque<Decision> decisions = new ArrayDeque<>();
    private final Map<Long, Long> pendingMoves = new LinkedHashMap<>(); // migration id -> decision id
    private final Map<Long, Long> pendingRows = new HashMap<>();         // migration id -> estimated rows
    private final Map<Integer, Long> lastTouched = new HashMap<>();      // shard id -> bucket
    private final Deque<long[]> moved = new ArrayDeque<>();              // {millis, rows} within the last hour
    private long nextDecisionId = 1;
    private int bucketsAbove;
    private double rowsPerSecond;
    private int measuredMoves;
    private long deferredForPeak = Long.MIN_VALUE;

    public ReshardingController(ReshardingSettings settings, ReshardingActions actions, Leadership leadership,
                                TimeSource time) {
        this.settings = settings;
        this.actions = actions;
        this.leadership = leadership;
        this.time = time;
        this.rowsPerSecond = settings.initialRowsPerSecond();
    }

    public ReshardingSettings settings() {
        return settings;
    }

    /** Every decision so far (the last 1000), oldest first. */
    public synchronized List<Decision> decisions() {
        return List.copyOf(decisions);
    }

    /** The move rate the controller plans with: measured from its own finished moves, or the initial guess. */
    public synchronized double observedRowsPerSecond() {
        return rowsPerSecond;
    }

    /** Rows moved (or being moved) by the controller in the last hour. */
    public synchronized long rowsInLastHour() {
        expireBudget(time.currentTimeMillis());
        long sum = 0;
        for (long[] m : moved) {
            sum += m[1];
        }
        return sum;
    }

    @Override
    public void onUpdate(ProfilerUpdate update) {
        try {
            step(update);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "re-sharding controller failed on bucket " + update.bucket(), e);
        }
    }

    synchronized void step(ProfilerUpdate update) {
        long now = time.currentTimeMillis();
        collectFinishedMoves();
        if (!settings.enabled() || !leadership.isLeader()) {
            return;
        }
        ShardKeyMap map = update.proposal();
        if (map == null) {
            return;
        }
        double before = trustedImbalance(update, map);
        if (before < settings.threshold()) {
            bucketsAbove = 0;
            return;
        }
        bucketsAbove++;
        String trigger = String.format(Locale.ROOT, "%s imbalance %.2f >= %.2f for %d bucket(s)",
                settings.mode() == ReshardingSettings.Mode.PREDICTIVE ? "predicted" : "current", before,
                settings.threshold(), bucketsAbove);
        if (bucketsAbove < settings.persistBuckets() || map.isNoOp()) {
            return;
        }
        if (!pendingMoves.isEmpty()) {
            // The layout the map was computed from is about to change; decide again once the moves are done.
            return;
        }
        if (settings.mode() == ReshardingSettings.Mode.PREDICTIVE && tooEarly(map, now)) {
            if (deferredForPeak != map.peakAtMillis()) {
                deferredForPeak = map.peakAtMillis();
                record(now, update.bucket(), trigger, before, before, describeAll(map.steps()), String.format(
                        Locale.ROOT, "DEFERRED: peak in %.1f s, moves need about %.1f s at %.0f rows/s",
                        (map.peakAtMillis() - now) / 1000.0, moveSeconds(map), rowsPerSecond), List.of());
            }
            return;
        }
        execute(map, update.bucket(), now, trigger, before);
    }

    /**
     * Predictive: the forecast's worst moment over the horizon. Reactive: the load observed in the last forecast
     * step, summed per node over the shards of the layout (what a controller without a forecast would see).
     */
    private double trustedImbalance(ProfilerUpdate update, ShardKeyMap map) {
        if (settings.mode() == ReshardingSettings.Mode.PREDICTIVE) {
            return map.imbalanceBefore();
        }
        Map<String, double[]> perNode = new LinkedHashMap<>();
        for (String n : map.base().nodes()) {
            perNode.put(n, new double[1]);
        }
        for (GroupForecast g : update.forecast().groups()) {
            for (ForecastEntry e : g.shards()) {
                double[] v = perNode.get(e.node());
                if (v != null) {
                    v[0] += e.actual();
                }
            }
        }
        return NodeLoads.imbalanceAt(perNode, 0);
    }

    /**
     * Whether the peak is so far away that starting now would only disturb the present layout: the moves start
     * once the time left is at most three times their estimated duration (the margin covers catch-up, the cutover
     * and an estimate that is too optimistic). A peak already passed or unknown never defers.
     */
    private boolean tooEarly(ShardKeyMap map, long now) {
        long left = map.peakAtMillis() - now;
        return left > 0 && left > 3 * moveSeconds(map) * 1000 + 1000;
    }

    private double moveSeconds(ShardKeyMap map) {
        return map.rowsMoved() / rowsPerSecond;
    }

    private void execute(ShardKeyMap map, long bucket, long now, String trigger, double before) {
        List<String> done = new ArrayList<>();
        List<Long> started = new ArrayList<>();
        Map<Integer, Integer> ids = new HashMap<>(); // the map's new shard ids -> the router's
        Map<String, Integer> busy = new HashMap<>(actions.activeMigrationsPerNode());
        int skipped = 0;
        int failed = 0;
        double after = before;
        List<PlanStep> ordered = new ArrayList<>();
        for (PlanStep s : map.steps()) {
            if (s.kind() == PlanStep.Kind.SPLIT || s.kind() == PlanStep.Kind.PIN) {
                ordered.add(s);
            }
        }
        for (PlanStep s : map.steps()) {
            if (s.kind() == PlanStep.Kind.MOVE) {
                ordered.add(s);
            }
        }
        java.util.Set<Integer> plannedIds = new java.util.HashSet<>();
        for (PlanStep s : ordered) {
            if (s.kind() != PlanStep.Kind.MOVE) {
                plannedIds.add(s.newShardId());
            }
        }
        for (PlanStep s : ordered) {
            if (plannedIds.contains(s.shardId()) && !ids.containsKey(s.shardId())) {
                // The split or pin that was to create this shard did not run: the id means nothing in the router.
                done.add("skipped (its shard was not created): " + s.describe());
                skipped++;
                continue;
            }
            int shard = ids.getOrDefault(s.shardId(), s.shardId());
            Long touched = lastTouched.get(shard);
            // Changes made by this same decision (a split right before its move) do not count.
            if (touched != null && touched < bucket && bucket - touched <= settings.cooldownBuckets()) {
                done.add("skipped (hysteresis: shard " + shard + " changed " + (bucket - touched)
                        + " bucket(s) ago): " + s.describe());
                skipped++;
                continue;
            }
            try {
                switch (s.kind()) {
                    case SPLIT -> {
                        int created = actions.split(shard, s.point());
                        ids.put(s.newShardId(), created);
                        lastTouched.put(shard, bucket);
                        lastTouched.put(created, bucket);
                        done.add("done: " + s.describe() + " (new shard " + created + ")");
                    }
                    case PIN -> {
                        int created = actions.pin(s.groupId(), s.point());
                        ids.put(s.newShardId(), created);
                        lastTouched.put(shard, bucket);
                        lastTouched.put(created, bucket);
                        done.add("done: " + s.describe() + " (new shard " + created + ")");
                    }
                    case MOVE -> {
                        String from = actions.ownerOf(shard);
                        if (from == null || !from.equals(s.fromNode())) {
                            done.add("skipped (shard " + shard + " is " + (from == null ? "gone" : "on " + from)
                                    + " now, the plan was made for another layout): " + s.describe());
                            skipped++;
                            continue;
                        }
                        if (busy.getOrDefault(from, 0) >= settings.maxMigrationsPerNode()
                                || busy.getOrDefault(s.toNode(), 0) >= settings.maxMigrationsPerNode()) {
                            done.add("skipped (max-migrations-per-node " + settings.maxMigrationsPerNode()
                                    + " reached on " + from + " or " + s.toNode() + "): " + s.describe());
                            skipped++;
                            continue;
                        }
                        // The budget is checked against the shard's real row count where the node can tell: the
                        // plan's estimate of a freshly split shard can be far off.
                        long rows = Math.max(s.estimatedRows(), actions.rowsOf(shard));
                        if (settings.rowsPerHour() > 0 && rowsInLastHourUnlocked(now) + rows > settings.rowsPerHour()) {
                            done.add("skipped (rows-per-hour budget " + settings.rowsPerHour() + ": "
                                    + rowsInLastHourUnlocked(now) + " used, step needs " + rows + "): "
                                    + s.describe());
                            skipped++;
                            continue;
                        }
                        long id = actions.startMove(shard, s.toNode());
                        started.add(id);
                        pendingMoves.put(id, nextDecisionId);
                        pendingRows.put(id, rows);
                        moved.addLast(new long[] {now, rows, id});
                        busy.merge(from, 1, Integer::sum);
                        busy.merge(s.toNode(), 1, Integer::sum);
                        lastTouched.put(shard, bucket);
                        done.add("started migration " + id + ": " + s.describe().replace("shard " + s.shardId(),
                                "shard " + shard));
                    }
                    case MERGE -> {
                        done.add("skipped (merges are left to the operator): " + s.describe());
                        skipped++;
                        continue;
                    }
                }
                after = s.imbalanceAfter();
            } catch (SQLException | RuntimeException e) {
                done.add("failed: " + s.describe() + ": " + e.getMessage());
                failed++;
            }
        }
        int executed = ordered.size() - skipped - failed;
        String outcome = executed == 0 ? (failed > 0 ? "FAILED" : "SKIPPED")
                : skipped + failed == 0 ? "EXECUTED" : "PARTIAL";
        if (!started.isEmpty()) {
            outcome += ": " + started.size() + " move(s) running";
        }
        if (executed == 0) {
            after = before;
        }
        record(now, bucket, trigger, before, after, done, outcome, started);
        if (executed > 0) {
            bucketsAbove = 0;
        }
    }

    private void collectFinishedMoves() {
        var it = pendingMoves.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            ReshardingActions.MoveStatus st = actions.status(e.getKey());
            if (st == null || !st.finished()) {
                continue;
            }
            it.remove();
            long estimated = pendingRows.remove(e.getKey());
            for (long[] m : moved) {
                if (m.length > 2 && m[2] == e.getKey()) {
                    m[1] = st.succeeded() ? st.rowsCopied() : 0; // the budget counts what was really copied
                }
            }
            if (st.succeeded() && st.rowsCopied() > 0 && st.elapsedMillis() > 0) {
                double rate = st.rowsCopied() * 1000.0 / st.elapsedMillis();
                // First measurement replaces the guess; later ones are averaged so one odd move does not dominate.
                rowsPerSecond = measuredMoves == 0 ? rate : 0.7 * rowsPerSecond + 0.3 * rate;
                measuredMoves++;
            }
            String note = "migration " + e.getKey() + (st.succeeded()
                    ? " done (" + st.rowsCopied() + " rows in " + st.elapsedMillis() + " ms, estimated " + estimated
                    + ")" : " failed: " + st.error());
            updateOutcome(e.getValue(), note);
        }
    }

    private void updateOutcome(long decisionId, String note) {
        List<Decision> all = new ArrayList<>(decisions);
        decisions.clear();
        for (Decision d : all) {
            decisions.addLast(d.id() == decisionId ? d.withOutcome(d.outcome() + "; " + note) : d);
        }
    }

    private void record(long now, long bucket, String trigger, double before, double after, List<String> steps,
                        String outcome, List<Long> migrations) {
        decisions.addLast(new Decision(nextDecisionId++, now, bucket, settings.mode(), trigger, before, after, steps,
                outcome, migrations));
        while (decisions.size() > MAX_DECISIONS) {
            decisions.removeFirst();
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "re-sharding decision: " + trigger + " -> " + outcome + " " + steps);
    }

    private long rowsInLastHourUnlocked(long now) {
        expireBudget(now);
        long sum = 0;
        for (long[] m : moved) {
            sum += m[1];
        }
        return sum;
    }

    private void expireBudget(long now) {
        while (!moved.isEmpty() && moved.peekFirst()[0] <= now - HOUR_MILLIS) {
            moved.removeFirst();
        }
    }

    private static List<String> describeAll(List<PlanStep> steps) {
        List<String> out = new ArrayList<>();
        for (PlanStep s : steps) {
            out.add("planned: " + s.describe());
        }
        return out;
    }
}
