package io.shardwise.agent;

import io.shardwise.profiler.KeySpace;
import io.shardwise.profiler.Profiler;
import io.shardwise.router.plan.KeyExtractor;
import io.shardwise.router.plan.ParameterSource;
import io.shardwise.router.sql.SqlDialectKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns each observed statement into profiler records: the router's key extraction names the table and keys, the
 * router's hash gives the key point (so hot keys and segments are the ones the driver would see), and the profiler
 * gets {@code record} / {@code recordBroadcast}. Beside the profiler it keeps exact per-key counts (bounded) and a
 * per-bucket segment timeline for the report's heat map.
 */
final class ProfileRecorder {
    /** The heat map cuts the 63-bit hash space into 2^4 segments: point >>> 59. */
    static final int SEGMENTS = 16;
    static final int MAX_KEYS_PER_TABLE = 100_000;
    static final int MAX_TIMELINE_BUCKETS = 240;

    final AgentConfig config;
    final Profiler profiler;
    final KeyExtractor extractor;
    final Map<String, Integer> groupIds = new LinkedHashMap<>();
    final Map<String, TableStats> tables = new LinkedHashMap<>();
    final Map<String, Map<Long, AtomicLongArray>> timelines = new LinkedHashMap<>();
    final long startMillis = System.currentTimeMillis();
    final AtomicLong failures = new AtomicLong();
    private volatile Throwable firstFailure;

    static final class TableStats {
        final String group;
        final LongAdder reads = new LongAdder();
        final LongAdder writes = new LongAdder();
        final LongAdder withoutKey = new LongAdder();
        final Map<Object, LongAdder> keys = new ConcurrentHashMap<>();

        TableStats(String group) {
            this.group = group;
        }
    }

    ProfileRecorder(AgentConfig config, Profiler profiler, SqlDialectKind dialect) {
        this.config = config;
        this.profiler = profiler;
        this.extractor = new KeyExtractor(config.shardKeys(), config.groups(), dialect);
        for (String table : config.shardKeys().keySet()) {
            String group = config.groupOf(table);
            tables.put(table, new TableStats(group));
            if (!groupIds.containsKey(group)) {
                int id = groupIds.size();
                groupIds.put(group, id);
                profiler.registerGroup(id, group, KeySpace.hash());
                timelines.put(group, new ConcurrentHashMap<>());
            }
        }
    }

    void record(String sql, ParameterSource params, long latencyNanos) {
        KeyExtractor.Extraction e = extractor.extract(sql, params);
        if (!e.touchesTable()) {
            return;
        }
        TableStats stats = tables.get(e.table());
        Integer gid = groupIds.get(e.group());
        if (stats == null || gid == null) {
            return;
        }
        (e.write() ? stats.writes : stats.reads).increment();
        if (e.keys().isEmpty()) {
            stats.withoutKey.increment();
            profiler.recordBroadcast(gid, e.write(), latencyNanos);
            return;
        }
        AtomicLongArray bucket = timelineBucket(e.group());
        for (Object key : e.keys()) {
            long point;
            try {
                point = KeyExtractor.hashPoint(key);
            } catch (SQLException unsupportedKeyType) {
                continue; // the driver would refuse this key too; nothing to place in the key space
            }
            Object canonical = canonical(key);
            profiler.record(gid, point, canonical, e.write(), latencyNanos);
            LongAdder count = stats.keys.get(canonical);
            if (count == null && stats.keys.size() < MAX_KEYS_PER_TABLE) {
                count = stats.keys.computeIfAbsent(canonical, k -> new LongAdder());
            }
            if (count != null) {
                count.increment();
            }
            bucket.incrementAndGet((int) (point >>> 59));
        }
    }

    long bucketMillis() {
        return config.bucket().toMillis();
    }

    private AtomicLongArray timelineBucket(String group) {
        long index = (System.currentTimeMillis() - startMillis) / bucketMillis();
        Map<Long, AtomicLongArray> timeline = timelines.get(group);
        AtomicLongArray a = timeline.get(index);
        if (a == null) {
            a = timeline.computeIfAbsent(index, i -> new AtomicLongArray(SEGMENTS));
            timeline.keySet().removeIf(i -> i <= index - MAX_TIMELINE_BUCKETS); // bounded: only a new bucket prunes
        }
        return a;
    }

    /** 7, 7L and BigDecimal 7 are one key to the router; count them as one (a Long). */
    static Object canonical(Object key) {
        if (key instanceof Integer || key instanceof Short || key instanceof Byte) {
            return ((Number) key).longValue();
        }
        if (key instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException notWhole) {
                return key;
            }
        }
        if (key instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        if (key instanceof byte[] bytes) {
            return java.util.HexFormat.of().formatHex(bytes);
        }
        return key;
    }

    void failed(Throwable t) {
        if (failures.getAndIncrement() == 0) {
            firstFailure = t;
            System.err.println("shardwise-agent: profiling a statement failed (the application is unaffected;"
                    + " further failures are only counted): " + t);
        }
    }

    Throwable firstFailure() {
        return firstFailure;
    }
}
