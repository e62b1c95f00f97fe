package io.shardwise.router.migration;

import java.util.Map;
import java.util.Set;

/**
 * The migration knobs (docs/migration.md lists them with their reasons). Every one has a default that suits a
 * small H2 cluster; {@link #fromProperties} reads the user's {@code migration.*} keys.
 *
 * @param batchKeys          distinct shard keys per copy / catch-up / verify batch
 * @param copyRowsPerSecond  copy throttle; 0 for unlimited
 * @param freezeTimeoutMillis how long a writer waits at a frozen shard before SQLTransientException
 * @param cutoverWaitMillis  how long the cutover waits for in-flight transactions on the shard before it gives up
 * @param cutoverAttempts    cutover attempts before the migration fails
 * @param freezeBacklog      freeze only once the queue backlog is at most this many records
 * @param stallRounds        catch-up rounds without gain before writers to the shard are throttled
 * @param throttleMaxMicros  the longest pause per writer transaction the throttle may reach
 * @param catchUpBatch       queue records read per catch-up round
 * @param verifyBuckets      key ranges per table that verification compares separately
 * @param cleanupDelayMillis delay between the flip and the deletion of the source's rows
 * @param maxShardRecopies   whole-shard re-copies (after writes without a shard key) before the migration fails
 */
public record MigrationSettings(
        int batchKeys,
        double copyRowsPerSecond,
        long freezeTimeoutMillis,
        long cutoverWaitMillis,
        int cutoverAttempts,
        long freezeBacklog,
        int stallRounds,
        long throttleMaxMicros,
        int catchUpBatch,
        int verifyBuckets,
        long cleanupDelayMillis,
        int maxShardRecopies) {

    public static final MigrationSettings DEFAULTS =
            new MigrationSettings(500, 0, 2000, 500, 20, 100, 3, 50_000, 5000, 16, 2000, 3);

    /** The user-facing keys, for the driver's configuration check. */
    public static final Set<String> KEYS = Set.of(
            "migration.batch-size", "migration.copy-rate", "migration.freeze-timeout", "migration.cutover-wait",
            "migration.cutover-attempts", "migration.freeze-backlog", "migration.stall-rounds",
            "migration.throttle-max", "migration.catch-up-batch", "migration.verify-buckets",
            "migration.cleanup-delay", "migration.max-recopies");

    /** Reads {@code migration.*} keys (durations in milliseconds, the throttle in microseconds). */
    public static MigrationSettings fromProperties(Map<String, String> p) {
        MigrationSettings d = DEFAULTS;
        return new MigrationSettings(
                (int) num(p, "migration.batch-size", d.batchKeys, 1),
                num(p, "migration.copy-rate", (long) d.copyRowsPerSecond, 0),
                num(p, "migration.freeze-timeout", d.freezeTimeoutMillis, 0),
                num(p, "migration.cutover-wait", d.cutoverWaitMillis, 1),
                (int) num(p, "migration.cutover-attempts", d.cutoverAttempts, 1),
                num(p, "migration.freeze-backlog", d.freezeBacklog, 0),
                (int) num(p, "migration.stall-rounds", d.stallRounds, 1),
                num(p, "migration.throttle-max", d.throttleMaxMicros, 0),
                (int) num(p, "migration.catch-up-batch", d.catchUpBatch, 1),
                (int) num(p, "migration.verify-buckets", d.verifyBuckets, 1),
                num(p, "migration.cleanup-delay", d.cleanupDelayMillis, 0),
                (int) num(p, "migration.max-recopies", d.maxShardRecopies, 0));
    }

    private static long num(Map<String, String> p, String key, long dflt, long min) {
        String v = p.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + v + "'");
        }
        if (n < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", not " + n);
        }
        return n;
    }

    public MigrationSettings withCleanupDelay(long millis) {
        return new MigrationSettings(batchKeys, copyRowsPerSecond, freezeTimeoutMillis, cutoverWaitMillis,
                cutoverAttempts, freezeBacklog, stallRounds, throttleMaxMicros, catchUpBatch, verifyBuckets, millis,
                maxShardRecopies);
    }

    public MigrationSettings withCopyRate(double rowsPerSecond) {
        return new MigrationSettings(batchKeys, rowsPerSecond, freezeTimeoutMillis, cutoverWaitMillis,
                cutoverAttempts, freezeBacklog, stallRounds, throttleMaxMicros, catchUpBatch, verifyBuckets,
                cleanupDelayMillis, maxShardRecopies);
    }

    public MigrationSettings withBatchKeys(int keys) {
        return new MigrationSettings(keys, copyRowsPerSecond, freezeTimeoutMillis, cutoverWaitMillis,
                cutoverAttempts, freezeBacklog, stallRounds, throttleMaxMicros, catchUpBatch, verifyBuckets,
                cleanupDelayMillis, maxShardRecopies);
    }
}
