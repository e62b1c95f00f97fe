package io.shardwise.router.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Makes the target's rows of some keys equal the source's current rows of those keys, in every table of the
 * shard: delete the keys' rows on the target and insert the source's, in one transaction on the target. This is
 * how catch-up applies the change queue: never by replaying SQL text, which would double-apply
 * {@code SET n = n + 1} when the copy had already seen the write. Re-copying a key is idempotent.
 */
public final class KeySync {
    private KeySync() {
    }

    /** @return rows written to the target */
    public static long sync(ShardTables tables, Connection source, Connection target, List<?> keys)
            throws SQLException {
        if (keys.isEmpty()) {
            return 0;
        }
        boolean targetAuto = target.getAutoCommit();
        target.setAutoCommit(false);
        long rows = 0;
        try {
            for (ShardTables.Pair pair : tables.pairs()) {
                List<Object[]> current = pair.onSource().rowsOf(source, keys);
                pair.onTarget().deleteKeys(target, keys);
                pair.onTarget().insertRows(target, current);
                rows += current.size();
            }
            target.commit();
        } catch (SQLException | RuntimeException e) {
            ShardCopier.rollbackQuietly(target);
            throw e;
        } finally {
            ShardCopier.restore(target, targetAuto);
        }
        return rows;
    }
}
