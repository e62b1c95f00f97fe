package io.shardwise.bench.driver;

/**
 * A fixed-size log-linear histogram of nanosecond latencies: exact below 128 ns, then 64 buckets per power of two
 * (at most 1.6 % relative error). Recording allocates nothing, so it does not disturb the allocation measured per
 * operation.
 */
public final class LatencyHistogram {

    private static final int LINEAR = 128;
    private static final int SUB_BUCKETS = 64;
    private static final int SUB_BITS = 6;
    /** Octaves from 2^7 up to 2^62. */
    private static final int OCTAVES = 56;

    private final long[] counts = new long[LINEAR + OCTAVES * SUB_BUCKETS];
    private long total;
    private long max;

    public void record(long nanos) {
        long v = Math.max(0, nanos);
        counts[index(v)]++;
        total++;
        if (v > max) {
            max = v;
        }
    }

    public void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    public long count() {
        return total;
    }

    public long max() {
        return max;
    }

    /** The value at quantile {@code q} (0 < q <= 1), as the midpoint of its bucket; 0 when empty. */
    public long quantile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, midpoint(i));
            }
        }
        return max;
    }

    static int index(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int msb = 63 - Long.numberOfLeadingZeros(v);
        int shift = msb - SUB_BITS;
        int sub = (int) (v >>> shift) - SUB_BUCKETS;
        return LINEAR + (msb - 7) * SUB_BUCKETS + sub;
    }

    static long midpoint(int index) {
        if (index < LINEAR) {
            return index;
        }
        int octave = (index - LINEAR) / SUB_BUCKETS;
        int sub = (index - LINEAR) % SUB_BUCKETS;
        int shift = octave + 7 - SUB_BITS;
        long lower = (long) (SUB_BUCKETS + sub) << shift;
        long width = 1L << shift;
        return lower + width / 2;
    }
}
