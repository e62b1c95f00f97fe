package io.shardwise.router.migration;

import io.shardwise.router.topology.ShardingStrategy;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The persisted record of one migration: what moves where, how far it got, and the shard's key space as it was
 * when the migration started (so a deferred cleanup or a roll-back after a restart deletes exactly those rows even
 * if the topology has changed since). Mutable, owned by the engine; readers take a {@link #snapshot()}.
 */
public final class MigrationRecord {
    public final long id;
    public final int shardId;
    public final String group;
    public final String from;
    public final String to;
    public final ShardingStrategy strategy;
    public final long lo;
    public final long hi;
    public final Set<Long> pinnedPoints;
    public final Set<Long> excludedPoints;
    public final long startedAtMillis;

    private volatile MigrationState state = MigrationState.PREPARING;
    private volatile long rowsCopied;
    private volatile long backlog;
    private volatile long freezeMillis;
    private volatile int cutoverAttempts;
    private volatile long flippedAtMillis;
    private volatile long finishedAtMillis;
    private volatile String error;
    /** A failed move whose target rows could not be removed yet (target unreachable): retried later. */
    private volatile boolean targetCleanupPending;

    public MigrationRecord(long id, ShardSlice slice, String from, String to, long startedAtMillis) {
        this(id, slice.shardId(), slice.group(), from, to, slice.strategy(), slice.lo(), slice.hi(),
                slice.pinnedPoints(), slice.excludedPoints(), startedAtMillis);
    }

    private MigrationRecord(long id, int shardId, String group, String from, String to, ShardingStrategy strategy,
                            long lo, long hi, Set<Long> pinned, Set<Long> excluded, long startedAtMillis) {
        this.id = id;
        this.shardId = shardId;
        this.group = group;
        this.from = from;
        this.to = to;
        this.strategy = strategy;
        this.lo = lo;
        this.hi = hi;
        this.pinnedPoints = Set.copyOf(pinned);
        this.excludedPoints = Set.copyOf(excluded);
        this.startedAtMillis = startedAtMillis;
    }

    /** The shard's key space as it was when this migration started. */
    public ShardSlice slice(MigrationTopology topology) {
        return new ShardSlice(shardId, group, strategy, lo, hi, pinnedPoints, excludedPoints,
                topology.tables(group), topology.keyPoints(group));
    }

    /** An immutable view for SHOW SHARDWISE MIGRATIONS and the admin API. */
    public record Snapshot(long id, int shardId, String group, String from, String to, MigrationState state,
                           long rowsCopied, long backlog, long elapsedMillis, long freezeMillis, int cutoverAttempts,
                           String error) {
    }

    public Snapshot snapshot() {
        long end = finishedAtMillis > 0 ? finishedAtMillis : System.currentTimeMillis();
        return new Snapshot(id, shardId, group, from, to, state, rowsCopied, backlog, end - startedAtMillis,
                freezeMillis, cutoverAttempts, error);
    }

    public MigrationState state() {
        return state;
    }

    void state(MigrationState s) {
        this.state = s;
        if (s.terminal() && finishedAtMillis == 0) {
            finishedAtMillis = System.currentTimeMillis();
        }
    }

    public long rowsCopied() {
        return rowsCopied;
    }

    void addRowsCopied(long n) {
        rowsCopied += n;
    }

    void backlog(long n) {
        backlog = n;
    }

    void freezeMillis(long ms) {
        freezeMillis = ms;
    }

    public long freezeMillis() {
        return freezeMillis;
    }

    void cutoverAttempt() {
        cutoverAttempts++;
    }

    void flipped() {
        flippedAtMillis = System.currentTimeMillis();
    }

    public String error() {
        return error;
    }

    void error(String e) {
        this.error = e;
    }

    boolean targetCleanupPending() {
        return targetCleanupPending;
    }

    void targetCleanupPending(boolean b) {
        targetCleanupPending = b;
    }

    void writeTo(Properties p) {
        String k = "migration." + id + ".";
        p.setProperty(k + "shard", Integer.toString(shardId));
        p.setProperty(k + "group", group);
        p.setProperty(k + "from", from);
        p.setProperty(k + "to", to);
        p.setProperty(k + "strategy", strategy.name());
        p.setProperty(k + "lo", Long.toString(lo));
        p.setProperty(k + "hi", Long.toString(hi));
        p.setProperty(k + "pinned", join(pinnedPoints));
        p.setProperty(k + "excluded", join(excludedPoints));
        p.setProperty(k + "started", Long.toString(startedAtMillis));
        p.setProperty(k + "state", state.name());
        p.setProperty(k + "rows", Long.toString(rowsCopied));
        p.setProperty(k + "backlog", Long.toString(backlog));
        p.setProperty(k + "freeze", Long.toString(freezeMillis));
        p.setProperty(k + "attempts", Integer.toString(cutoverAttempts));
        p.setProperty(k + "flipped", Long.toString(flippedAtMillis));
        p.setProperty(k + "finished", Long.toString(finishedAtMillis));
        p.setProperty(k + "targetCleanup", Boolean.toString(targetCleanupPending));
        if (error != null) {
            p.setProperty(k + "error", error);
        }
    }

    static MigrationRecord readFrom(Map<String, String> f, long id) {
        MigrationRecord r = new MigrationRecord(id, Integer.parseInt(f.get("shard")), f.get("group"), f.get("from"),
                f.get("to"), ShardingStrategy.valueOf(f.get("strategy")), Long.parseLong(f.get("lo")),
                Long.parseLong(f.get("hi")), split(f.get("pinned")), split(f.get("excluded")),
                Long.parseLong(f.get("started")));
        r.state = MigrationState.valueOf(f.get("state"));
        r.rowsCopied = Long.parseLong(f.getOrDefault("rows", "0"));
        r.backlog = Long.parseLong(f.getOrDefault("backlog", "0"));
        r.freezeMillis = Long.parseLong(f.getOrDefault("freeze", "0"));
        r.cutoverAttempts = Integer.parseInt(f.getOrDefault("attempts", "0"));
        r.flippedAtMillis = Long.parseLong(f.getOrDefault("flipped", "0"));
        r.finishedAtMillis = Long.parseLong(f.getOrDefault("finished", "0"));
        r.targetCleanupPending = Boolean.parseBoolean(f.getOrDefault("targetCleanup", "false"));
        r.error = f.get("error");
        return r;
    }

    private static String join(Set<Long> s) {
        StringBuilder sb = new StringBuilder();
        for (long v : new TreeSet<>(s)) {
            sb.append(sb.length() > 0 ? "," : "").append(v);
        }
        return sb.toString();
    }

    private static Set<Long> split(String s) {
        Set<Long> out = new TreeSet<>();
        if (s != null && !s.isBlank()) {
            for (String part : s.split(",")) {
                out.add(Long.parseLong(part.trim()));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "migration " + id + " of shard " + shardId + " (" + group + ") " + from + " -> " + to + ": " + state;
    }
}
