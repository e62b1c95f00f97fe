package io.shardwise.profiler;

/** Arithmetic on inclusive ranges of key points that neither overflows nor loses single points to rounding. */
public final class KeyRanges {
    private static final double TWO_63 = 9.223372036854775808E18;

    private KeyRanges() {
    }

    /** Number of points in {@code [lo, hiInclusive]} as a double (exact up to 2^53, never negative). */
    public static double width(long lo, long hiInclusive) {
        if (hiInclusive < lo) {
            return 0;
        }
        long span = hiInclusive - lo; // may wrap: read as unsigned
        return unsignedToDouble(span) + 1.0;
    }

    /** Points shared by {@code [aLo, aHi]} and {@code [bLo, bHi]} (inclusive ends). */
    public static double overlap(long aLo, long aHi, long bLo, long bHi) {
        return width(Math.max(aLo, bLo), Math.min(aHi, bHi));
    }

    /** The point that splits {@code [lo, hiInclusive]} (at least two points wide) into two non-empty halves. */
    public static long midpoint(long lo, long hiInclusive) {
        return lo + ((hiInclusive - lo) >>> 1) + 1;
    }

    /** The point {@code lo + fraction * width}, clamped into {@code (lo, hiInclusive]}. */
    public static long interpolate(long lo, long hiInclusive, double fraction) {
        double w = width(lo, hiInclusive);
        double offset = Math.floor(w * fraction);
        if (offset < 1) {
            offset = 1;
        }
        if (offset > w - 1) {
            offset = w - 1;
        }
        // offset < width <= 2^64: convert it as an unsigned long; lo + off is then exact modulo 2^64, and the true
        // sum lies in [lo, hiInclusive], so the wrapped result is the point itself (a range spanning all longs works)
        long off = offset >= TWO_63 ? ((long) (offset - TWO_63)) ^ Long.MIN_VALUE : (long) offset;
        long p = lo + off;
        return p < lo || p > hiInclusive ? hiInclusive : p;
    }

    /** A half-open end {@code hi} as an inclusive end; {@code Long.MAX_VALUE} stands for "to the end" and is kept. */
    public static long inclusiveEnd(long hiExclusive) {
        return hiExclusive == Long.MAX_VALUE ? Long.MAX_VALUE : hiExclusive - 1;
    }

    static double unsignedToDouble(long x) {
        return x >= 0 ? (double) x : ((x >>> 1) * 2.0 + (x & 1));
    }
}
