package io.shardwise.profiler;

import io.shardwise.profiler.analysis.Analysis;
import io.shardwise.profiler.analysis.Analyzer;
import io.shardwise.profiler.analysis.ForecastEntry;
import io.shardwise.profiler.analysis.ForecastReport;
import io.shardwise.profiler.analysis.GroupForecast;
import io.shardwise.profiler.analysis.Hotspot;
import io.shardwise.profiler.cluster.Tier;
import io.shardwise.profiler.forecast.Forecaster;
import io.shardwise.profiler.plan.GroupLayout;
import io.shardwise.profiler.plan.MapGenerator;
import io.shardwise.profiler.plan.ShardKeyMap;
import io.shardwise.profiler.plan.ShardLayout;
import io.shardwise.profiler.record.BucketStats;
import io.shardwise.profiler.record.GroupHistory;
import io.shardwise.profiler.record.GroupRecorder;
import io.shardwise.profiler.record.TransactionKeys;
import io.shardwise.profiler.state.ProfilerState;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The profiler's facade: register groups, record every statement (hot path: lock-free for the caller's purposes,
 * allocation-free, any thread), roll buckets (one thread at a time: a scheduler, or the simulation's loop), and
 * read forecasts, hot spots and map proposals. After each closed bucket the listeners get the new forecast and,
 * when a layout was given, the new proposal.
 */
public final class Profiler {
    private static final System.Logger LOG = System.getLogger(Profiler.class.getName());

    private final ProfilerConfig config;
    private final TimeSource time;
    private final long bucketMillis;
    private final Analyzer analyzer;
    private final MapGenerator generator;
    private final List<ProfilerListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong mapVersion = new AtomicLong();
    private volatile GroupRecorder[] recorders = new GroupRecorder[0];
    private volatile ShardLayout layout;
    private volatile ProfilerUpdate latest;
    // guarded by this
    private final Map<Integer, GroupHistory> histories = new HashMap<>();
    private long openBucket;
    private Analysis analysis;
    private long analyzedAtBucket = Long.MIN_VALUE;

    public Profiler(ProfilerConfig config, TimeSource time) {
        this.config = config;
        this.time = time;
        bucketMillis = config.bucket().toMillis();
        Forecaster forecaster = new Forecaster(new Forecaster.Settings(config.horizonSteps(), config.seasonSteps(),
                config.maxSeasonSteps(), config.backtestOrigins()));
        analyzer = new Analyzer(new Analyzer.Settings(config.stepBuckets(), bucketMillis, config.hotKeys(),
                Math.max(1, config.horizonSteps()), config.coAccessMinCount(), config.maxCoAccessGroup(), 18), forecaster);
        generator = new MapGenerator(config.planner());
        openBucket = Math.floorDiv(time.currentTimeMillis(), bucketMillis);
    }

    public ProfilerConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ groups

    /** Registers a group; group ids are small non-negative ints (they index an array on the hot path). */
    public synchronized void registerGroup(int groupId, String name, KeySpace space) {
        if (groupId < 0 || groupId > 65_535) {
            throw new IllegalArgumentException("group id must be in [0, 65535], got " + groupId);
        }
        GroupRecorder[] current = recorders;
        if (groupId < current.length && current[groupId] != null) {
            throw new IllegalArgumentException("group " + groupId + " is already registered as " + current[groupId].name());
        }
        install(new GroupRecorder(groupId, name, space, config.recorder()), new GroupHistory(config.historyBuckets(), config.stepBuckets()));
    }

    private void install(GroupRecorder recorder, GroupHistory history) {
        GroupRecorder[] current = recorders;
        GroupRecorder[] next = Arrays.copyOf(current, Math.max(current.length, recorder.groupId() + 1));
        next[recorder.groupId()] = recorder;
        histories.put(recorder.groupId(), history);
        recorders = next;
    }

    /** The name a group was registered under, or null when no group has that id. */
    public synchronized String groupName(int groupId) {
        GroupRecorder[] current = recorders;
        return groupId >= 0 && groupId < current.length && current[groupId] != null ? current[groupId].name() : null;
    }

    public synchronized List<Integer> groupIds() {
        List<Integer> ids = new ArrayList<>(histories.keySet());
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    // ------------------------------------------------------------------ hot path

    /** One statement addressed to one key. {@code keyValue} is kept by reference for display only; may be null. */
    public void record(int groupId, long keyPoint, Object keyValue, boolean write, long latencyNanos) {
        recorder(groupId).record(keyPoint, keyValue, write, latencyNanos);
    }

    /** One statement addressed to the key points {@code [lo, hiInclusive]}. */
    public void recordRange(int groupId, long lo, long hiInclusive, boolean write, long latencyNanos) {
        recorder(groupId).recordRange(lo, hiInclusive, write, latencyNanos);
    }

    /** One statement sent to every shard of the group. */
    public void recordBroadcast(int groupId, boolean write, long latencyNanos) {
        recorder(groupId).recordBroadcast(write, latencyNanos);
    }

    /** A buffer for one connection's transactions: add the key points each touches, then {@link #endTransaction}. */
    public TransactionKeys newTransactionKeys() {
        return new TransactionKeys();
    }

    /** Records which keys the finished transaction touched together, and clears the buffer for the next one. */
    public void endTransaction(TransactionKeys tx) {
        try {
            int n = tx.size();
            for (int i = 0; i < n; i++) {
                int group = tx.group(i);
                boolean first = true;
                for (int j = 0; j < i; j++) {
                    if (tx.group(j) == group) {
                        first = false;
                        break;
                    }
                }
                if (first) {
                    recorder(group).recordTransaction(tx);
                }
            }
        } finally {
            tx.clear(); // the connection's next transaction starts clean even if this one named an unknown group
        }
    }

    private GroupRecorder recorder(int groupId) {
        GroupRecorder[] rs = recorders;
        GroupRecorder r;
        if (groupId < 0 || groupId >= rs.length || (r = rs[groupId]) == null) {
            throw new IllegalArgumentException("group " + groupId + " is not registered with the profiler");
        }
        return r;
    }

    // ------------------------------------------------------------------ rolling

    /**
     * Closes every bucket that has ended by now: harvests the counters, appends to the history, and when anything
     * closed, forecasts, proposes (if a layout is known) and notifies the listeners. Returns whether a bucket closed.
     */
    public boolean rollIfDue() {
        ProfilerUpdate update;
        synchronized (this) {
            long now = Math.floorDiv(time.currentTimeMillis(), bucketMillis);
            if (now <= openBucket) {
                return false;
            }
            long closing = openBucket;
            for (GroupRecorder r : recorders) {
                if (r != null) {
                    BucketStats stats = r.harvest(closing);
                    GroupHistory h = histories.get(r.groupId());
                    h.add(stats);
                    if (now - 1 > closing) {
                        h.add(BucketStats.empty(now - 1, stats.segmentation())); // the gap is filled with empty buckets
                    }
                }
            }
            openBucket = now;
            if (listeners.isEmpty()) {
                return true; // nobody to tell: forecast lazily when asked
            }
            update = publishable(now - 1);
        }
        latest = update;
        for (ProfilerListener l : listeners) {
            try {
                l.onUpdate(update);
            } catch (RuntimeException e) {
                // one failing subscriber must not keep the others (or the next bucket) from their update
                LOG.log(System.Logger.Level.WARNING, "profiler listener " + l + " failed on bucket " + update.bucket(), e);
            }
        }
        return true;
    }

    /**
     * Rolls on a scheduler: checks a few times per bucket. Cancel the returned future to stop. A failing roll is
     * logged and the next one tried (a periodic task that throws would silently stop for good).
     */
    public ScheduledFuture<?> startRolling(ScheduledExecutorService scheduler) {
        long period = Math.max(1, bucketMillis / 4);
        return scheduler.scheduleAtFixedRate(() -> {
            try {
                rollIfDue();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "profiler bucket roll failed; retrying at the next tick", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    private ProfilerUpdate publishable(long bucket) {
        ShardLayout current = layout;
        Analysis a = analysis(current);
        ShardKeyMap proposal = current == null ? null : propose(current, a);
        return new ProfilerUpdate(bucket, a.report(), proposal);
    }

    /** The analysis of the history so far, recomputed when a forecast step completed or the layout changed. */
    private synchronized Analysis analysis(ShardLayout current) {
        long key = Math.floorDiv(openBucket, config.stepBuckets()) * 31 + (current == null ? 0 : System.identityHashCode(current));
        if (analysis == null || analyzedAtBucket != key) {
            List<Analyzer.GroupInput> inputs = new ArrayList<>();
            for (GroupRecorder r : recorders) {
                if (r != null) {
                    inputs.add(new Analyzer.GroupInput(r.groupId(), r.name(), histories.get(r.groupId()).buckets(),
                            r.segmentation()));
                }
            }
            Map<Integer, GroupLayout> groups = new HashMap<>();
            if (current != null) {
                for (GroupLayout g : current.groups()) {
                    groups.put(g.groupId(), g);
                }
            }
            analysis = analyzer.analyze(inputs, groups);
            analyzedAtBucket = key;
        }
        return analysis;
    }

    public void addListener(ProfilerListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ProfilerListener listener) {
        listeners.remove(listener);
    }

    /** The last update published to listeners (null before the first one). */
    public ProfilerUpdate latest() {
        return latest;
    }

    // ------------------------------------------------------------------ reading

    /** Tells the profiler the router's current layout: shard forecasts and proposals are made against it. */
    public void setLayout(ShardLayout layout) {
        this.layout = layout;
    }

    public ShardLayout layout() {
        return layout;
    }

    /** The forecast, with shard entries for the layout last given to {@link #setLayout}. */
    public ForecastReport forecast() {
        return analysis(layout).report();
    }

    /** The forecast with shard entries for {@code other} (say, a layout being considered). */
    public ForecastReport forecast(ShardLayout other) {
        return analysis(other).report();
    }

    /** Hot keys and hot segments of every group, hottest predicted first. */
    public List<Hotspot> hotspots() {
        ForecastReport report = forecast();
        List<Hotspot> out = new ArrayList<>();
        for (GroupForecast g : report.groups()) {
            for (ForecastEntry e : g.keys()) {
                if (e.tier() == Tier.HOT || g.keys().size() <= 3) {
                    out.add(hotspot(report, g, e));
                }
            }
            for (ForecastEntry e : g.segments()) {
                if (e.tier() == Tier.HOT) {
                    out.add(hotspot(report, g, e));
                }
            }
        }
        out.sort(Comparator.comparingDouble(Hotspot::predictedPerSecond).reversed());
        return out;
    }

    private static Hotspot hotspot(ForecastReport report, GroupForecast g, ForecastEntry e) {
        return new Hotspot(g.groupId(), g.name(), e.kind(), e.lo(), e.hi(), e.keyValue(), report.perSecond(e.actual()),
                report.perSecond(e.predictedNext()), e.tier(), e.forecast().model(), e.forecast().error().mase());
    }

    /** A proposal for {@code layout} from the current forecast. Changes nothing. */
    public ShardKeyMap propose(ShardLayout layout) {
        return propose(layout, analysis(layout));
    }

    private ShardKeyMap propose(ShardLayout current, Analysis a) {
        ForecastReport r = a.report();
        return generator.generate(mapVersion.incrementAndGet(), current, a.planLoads(), a.coAccess(),
                r.generatedAtMillis(), r.peakAtMillis());
    }

    // ------------------------------------------------------------------ persistence

    /** Writes the closed buckets and the adaptive state of every group (the open bucket is not included). */
    public synchronized void writeState(OutputStream out) throws IOException {
        List<ProfilerState.Group> groups = new ArrayList<>();
        for (GroupRecorder r : recorders) {
            if (r != null) {
                groups.add(new ProfilerState.Group(r.groupId(), r.name(), r.space(), r.segmentation(),
                        r.smoothedResidual(), histories.get(r.groupId()).buckets()));
            }
        }
        ProfilerState.write(new ProfilerState(bucketMillis, openBucket, mapVersion.get(), groups), out);
    }

    /** A profiler that continues from a state written by {@link #writeState}; the buckets missed meanwhile stay empty. */
    public static Profiler restore(ProfilerConfig config, TimeSource time, InputStream in) throws IOException {
        ProfilerState state = ProfilerState.read(in);
        if (state.bucketMillis() != config.bucket().toMillis()) {
            throw new IOException("saved profiler state uses " + state.bucketMillis() + " ms buckets, configuration says "
                    + config.bucket().toMillis() + " ms: the histories would not line up");
        }
        Profiler p = new Profiler(config, time);
        synchronized (p) {
            p.mapVersion.set(state.mapVersion());
            for (ProfilerState.Group g : state.groups()) {
                boolean fits = g.segmentation().size() <= config.recorder().maxSegments()
                        && g.smoothedResidual().length == g.segmentation().size();
                // a state saved with more segments than now allowed restarts the segmentation; the history stays
                GroupRecorder r = fits
                        ? new GroupRecorder(g.groupId(), g.name(), g.space(), config.recorder(), g.segmentation(),
                                g.smoothedResidual())
                        : new GroupRecorder(g.groupId(), g.name(), g.space(), config.recorder());
                GroupHistory h = new GroupHistory(config.historyBuckets(), config.stepBuckets());
                for (BucketStats b : g.history()) {
                    h.add(b);
                }
                p.install(r, h);
            }
            p.openBucket = Math.max(p.openBucket, state.openBucket());
        }
        return p;
    }
}
