package io.shardwise.router.migration;

/**
 * Keeps a background job at or under a rate of units per second by sleeping between batches. Zero or a negative
 * rate means unlimited. Not thread-safe: one per job.
 */
final class RateLimiter {
    private final double perSecond;
    private final long startNanos = System.nanoTime();
    private long units;

    RateLimiter(double perSecond) {
        this.perSecond = perSecond;
    }

    void acquire(long n) throws InterruptedException {
        units += n;
        if (perSecond <= 0) {
            return;
        }
        long dueNanos = (long) (units / perSecond * 1e9);
        long aheadNanos = dueNanos - (System.nanoTime() - startNanos);
        if (aheadNanos > 0) {
            Thread.sleep(aheadNanos / 1_000_000, (int) (aheadNanos % 1_000_000));
        }
    }
}
