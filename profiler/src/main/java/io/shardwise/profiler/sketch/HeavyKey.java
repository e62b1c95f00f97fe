package io.shardwise.profiler.sketch;

import java.util.Comparator;

/**
 * One key reported by a {@link SpaceSaving} sketch: {@code count} overestimates the true count by at most
 * {@code error}; {@code reads + writes} is what was counted since the key was (last) admitted.
 *
 * @param point the key point
 * @param value the application's key object (a reference, for display), or null
 */
public record HeavyKey(long point, Object value, long count, long error, long reads, long writes) {
    public static final Comparator<HeavyKey> HEAVIEST_FIRST =
            Comparator.comparingLong(HeavyKey::count).reversed().thenComparingLong(HeavyKey::point);

    /** A lower bound of the true count. */
    public long guaranteed() {
        return count - error;
    }
}
