package io.shardwise.profiler;

/**
 * The key points of one group: every point lies in {@code [min, max]} (both inclusive).
 * Hash-sharded groups use {@link #hash()}, the non-negative 63-bit hashes; range-sharded groups use the integral
 * key values themselves.
 */
public record KeySpace(long min, long max) {
    public KeySpace {
        if (max < min) {
            throw new IllegalArgumentException("key space max " + max + " < min " + min);
        }
    }

    public static KeySpace hash() {
        return new KeySpace(0, Long.MAX_VALUE);
    }

    public static KeySpace range(long min, long max) {
        return new KeySpace(min, max);
    }

    /** The exclusive end as a double (max + 1 may not fit in a long). */
    public double endExclusive() {
        return (double) max + 1.0;
    }

    public boolean contains(long point) {
        return point >= min && point <= max;
    }
}
