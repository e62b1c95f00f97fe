package io.shardwise.router.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Predicate;

/**
 * Deletes a shard's rows on one node in short batches: the source's rows after a move (deferred cleanup), the
 * target's partial rows after a failed or rolled-back move, and any leftovers on a target before a copy starts.
 */
public final class ShardEraser {
    private ShardEraser() {
    }

    /**
     * @param onNode each table's SQL for the node being erased
     * @param keep   deletes only the keys it accepts (null: every key of the shard)
     * @return rows deleted
     */
    public static long erase(Iterable<ShardTableSql> onNode, Connection node, int batchKeys, Predicate<Object> keep)
            throws SQLException {
        boolean auto = node.getAutoCommit();
        node.setAutoCommit(true);
        long[] deleted = {0};
        try {
            for (ShardTableSql table : onNode) {
                table.forEachKeyBatch(node, batchKeys, keep, keys -> deleted[0] += table.deleteKeys(node, keys));
            }
        } finally {
            ShardCopier.restore(node, auto);
        }
        return deleted[0];
    }
}
