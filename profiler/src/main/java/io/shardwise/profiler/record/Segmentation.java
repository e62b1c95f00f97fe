package io.shardwise.profiler.record;

import io.shardwise.profiler.KeyRanges;
import io.shardwise.profiler.KeySpace;

import java.util.Arrays;

/**
 * An immutable partition of a group's key space into consecutive segments: segment {@code i} is
 * {@code [low(i), high(i)]} (inclusive). Shared between buckets while it does not change.
 */
public final class Segmentation {
    private final KeySpace space;
    private final long[] lows;

    public Segmentation(KeySpace space, long[] lows) {
        if (lows.length == 0 || lows[0] != space.min()) {
            throw new IllegalArgumentException("segments must start at the key space's min " + space.min());
        }
        for (int i = 1; i < lows.length; i++) {
            if (lows[i] <= lows[i - 1] || !space.contains(lows[i])) {
                throw new IllegalArgumentException("segment bounds must increase inside the key space: " + Arrays.toString(lows));
            }
        }
        this.space = space;
        this.lows = lows.clone();
    }

    /** {@code count} segments of (about) equal width. */
    public static Segmentation uniform(KeySpace space, int count) {
        double width = KeyRanges.width(space.min(), space.max());
        int n = (int) Math.max(1, Math.min(count, width));
        long[] lows = new long[n];
        lows[0] = space.min();
        int filled = 1;
        for (int i = 1; i < n; i++) {
            long p = KeyRanges.interpolate(space.min(), space.max(), (double) i / n);
            if (p > lows[filled - 1]) {
                lows[filled++] = p;
            }
        }
        return new Segmentation(space, Arrays.copyOf(lows, filled));
    }

    public KeySpace space() {
        return space;
    }

    public int size() {
        return lows.length;
    }

    public long low(int i) {
        return lows[i];
    }

    public long high(int i) {
        return i + 1 < lows.length ? lows[i + 1] - 1 : space.max();
    }

    public double width(int i) {
        return KeyRanges.width(low(i), high(i));
    }

    /** The segment holding {@code point} (points outside the space go to the first or last segment). */
    public int indexOf(long point) {
        // branch-free binary search (the JIT turns the select into a conditional move): points arrive in random
        // order, so a branchy search mispredicts on almost every level
        long[] l = lows;
        int base = 0;
        int n = l.length;
        while (n > 1) {
            int half = n >>> 1;
            base = l[base + half] <= point ? base + half : base;
            n -= half;
        }
        return base;
    }

    long[] lowsCopy() {
        return lows.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Segmentation s && s.space.equals(space) && Arrays.equals(s.lows, lows);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lows);
    }

    @Override
    public String toString() {
        return "Segmentation" + Arrays.toString(lows);
    }
}
