package io.shardwise.profiler.record;

/**
 * Sizes of the recorder's bounded structures.
 *
 * @param stripes           counter stripes per group (a power of two)
 * @param initialSegments   equal-width segments a new group starts with
 * @param maxSegments       the most segments a group's key space is cut into
 * @param heavyKeyCapacity  keys each stripe's Space-Saving sketch monitors (k): counts are overestimated by at most N/k
 * @param storedHeavyKeys   heaviest keys kept per bucket in the history
 * @param pairCapacity      co-accessed pairs each stripe's sketch monitors
 * @param storedPairs       heaviest co-accessed pairs kept per bucket in the history
 */
public record RecorderSettings(int stripes, int initialSegments, int maxSegments, int heavyKeyCapacity,
                               int storedHeavyKeys, int pairCapacity, int storedPairs) {
    public RecorderSettings {
        if (stripes < 1 || Integer.bitCount(stripes) != 1) {
            throw new IllegalArgumentException("stripes must be a power of two, got " + stripes);
        }
        if (initialSegments < 1 || maxSegments < initialSegments) {
            throw new IllegalArgumentException("need 1 <= initialSegments <= maxSegments, got " + initialSegments + ", " + maxSegments);
        }
        if (heavyKeyCapacity < 1 || storedHeavyKeys < 0 || storedHeavyKeys > heavyKeyCapacity) {
            throw new IllegalArgumentException("need 0 <= storedHeavyKeys <= heavyKeyCapacity, got " + storedHeavyKeys + ", " + heavyKeyCapacity);
        }
        if (pairCapacity < 1 || storedPairs < 0 || storedPairs > pairCapacity) {
            throw new IllegalArgumentException("need 0 <= storedPairs <= pairCapacity, got " + storedPairs + ", " + pairCapacity);
        }
    }

    public static RecorderSettings defaults() {
        int cpus = Runtime.getRuntime().availableProcessors();
        int stripes = Integer.highestOneBit(Math.max(2, Math.min(64, cpus * 2)) * 2 - 1);
        return new RecorderSettings(stripes, 8, 32, 64, 16, 64, 16);
    }

    public RecorderSettings withStripes(int n) {
        return new RecorderSettings(n, initialSegments, maxSegments, heavyKeyCapacity, storedHeavyKeys, pairCapacity, storedPairs);
    }
}
