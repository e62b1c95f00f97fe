package io.shardwise.router.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Copies a shard's rows from the source to the target, table by table, in batches of distinct shard keys
 * (keyset-paginated on the shard key). Each batch is one short autocommit read on the source (no lock is held
 * between batches) and one batched insert committed on the target. The copy needs no snapshot: every write that
 * commits on the source after the migration started also leaves a change-queue record, and catch-up re-copies
 * those keys.
 */
public final class ShardCopier {
    private final int batchKeys;
    private final double rowsPerSecond;

    public ShardCopier(int batchKeys, double rowsPerSecond) {
        this.batchKeys = batchKeys;
        this.rowsPerSecond = rowsPerSecond;
    }

    /**
     * Copies every table of {@code tables}. The target must hold none of the shard's rows (the engine erases them
     * before the copy).
     *
     * @param rowsCopied called after each committed batch with its row count
     * @param cancelled  polled between batches; a cancelled copy throws {@link MigrationCancelledException}
     * @return rows copied
     */
    public long copy(ShardTables tables, Connection source, Connection target, LongConsumer rowsCopied,
                     BooleanSupplier cancelled) throws SQLException, InterruptedException {
        RateLimiter limiter = new RateLimiter(rowsPerSecond);
        boolean sourceAuto = source.getAutoCommit();
        boolean targetAuto = target.getAutoCommit();
        source.setAutoCommit(true);
        target.setAutoCommit(false);
        long[] total = {0};
        try {
            for (ShardTables.Pair pair : tables.pairs()) {
                pair.onSource().forEachKeyBatch(source, batchKeys, null, keys -> {
                    if (cancelled.getAsBoolean()) {
                        throw new MigrationCancelledException();
                    }
                    List<Object[]> rows = pair.onSource().rowsOfKeyBatch(source, keys);
                    pair.onTarget().insertRows(target, rows);
                    target.commit();
                    total[0] += rows.size();
                    rowsCopied.accept(rows.size());
                    try {
                        limiter.acquire(rows.size());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new MigrationCancelledException();
                    }
                });
            }
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(target);
            throw e;
        } finally {
            restore(source, sourceAuto);
            restore(target, targetAuto);
        }
        return total[0];
    }

    static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is broken; the caller reports the original error
        }
    }

    static void restore(Connection c, boolean autoCommit) {
        try {
            if (!c.isClosed() && c.getAutoCommit() != autoCommit) {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException ignored) {
            // a broken connection is closed by its owner
        }
    }
}
