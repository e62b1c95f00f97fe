package io.shardwise.profiler.sketch;

import java.util.ArrayList;
import java.util.List;

/**
 * Heaviest pairs of key points touched in one transaction: a {@link SpaceSaving} sketch over pair identities,
 * so memory is bounded by its capacity however many distinct pairs occur, and each pair's count is overestimated
 * by at most (pairs offered) / capacity. Not thread-safe; allocation-free when offering.
 */
public final class CoAccessSketch {
    private final SpaceSaving pairs;
    private final long[] first;
    private final long[] second;

    public CoAccessSketch(int capacity) {
        pairs = new SpaceSaving(capacity);
        first = new long[capacity];
        second = new long[capacity];
    }

    /** Counts one co-access of {@code a} and {@code b} (order does not matter; a pair of a point with itself is ignored). */
    public void offer(long a, long b, long weight) {
        if (a == b) {
            return;
        }
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        int entry = pairs.offer(pairIdentity(lo, hi), null, weight, 0, 0);
        if (entry >= 0) {
            first[entry] = lo;
            second[entry] = hi;
        }
    }

    /** Merges another summary's pairs into this one, carrying their error. */
    public void offer(CoAccessPair pair) {
        int entry = pairs.offer(pairIdentity(pair.a(), pair.b()), null, pair.count(), 0, pair.error());
        if (entry >= 0) {
            first[entry] = pair.a();
            second[entry] = pair.b();
        }
    }

    public long total() {
        return pairs.total();
    }

    public List<CoAccessPair> snapshot() {
        HeavyKey[] heavy = pairs.snapshot();
        List<CoAccessPair> out = new ArrayList<>(heavy.length);
        for (HeavyKey h : heavy) {
            int entry = pairs.entryOf(h.point());
            out.add(new CoAccessPair(first[entry], second[entry], h.count(), h.error()));
        }
        return out;
    }

    public void clear() {
        pairs.clear();
    }

    static long pairIdentity(long lo, long hi) {
        long h = lo * 0x9E3779B97F4A7C15L;
        h ^= Long.rotateLeft(hi * 0xC2B2AE3D27D4EB4FL, 31);
        return h ^ (h >>> 29);
    }
}
