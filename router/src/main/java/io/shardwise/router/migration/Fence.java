package io.shardwise.router.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;

/**
 * The fence rows on a moving shard's source node: writers lock the fence shared inside their transaction, the
 * cutover locks it exclusively, so no write from any driver instance can commit on the source between the final
 * drain and the owner flip. The cutover marks the fence {@code moved} before it releases it, so a writer that
 * waited on the fence and routed with an old topology fails with a retryable error instead of writing to the old
 * owner.
 *
 * <p>PostgreSQL and MySQL/MariaDB have shared row locks: one fence row. H2 2.x has only {@code FOR UPDATE}, so the
 * fence there is {@value #H2_STRIPES} rows: a writer locks one stripe (chosen by its connection), the cutover all of
 * them. Writers on different stripes never wait for each other.
 */
public final class Fence {
    public static final String TABLE = "shardwise_fence";
    static final int H2_STRIPES = 16;

    private Fence() {
    }

    public static int stripes(NodeDialect d) {
        return d.hasSharedRowLocks() ? 1 : H2_STRIPES;
    }

    /** Creates the fence rows of a migration on the source node (before writers start recording). */
    public static void install(Connection c, String group, int shardId, long migrationId) throws SQLException {
        NodeDialect d = NodeDialect.of(c);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (group_name VARCHAR(128) NOT NULL, "
                    + "shard_id INT NOT NULL, stripe INT NOT NULL, migration_id BIGINT NOT NULL, moved INT NOT NULL, "
                    + "PRIMARY KEY (group_name, shard_id, stripe))");
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM " + TABLE
                    + " WHERE group_name = ? AND shard_id = ?")) {
                del.setString(1, group);
                del.setInt(2, shardId);
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + TABLE
                    + " (group_name, shard_id, stripe, migration_id, moved) VALUES (?, ?, ?, ?, 0)")) {
                for (int i = 0; i < stripes(d); i++) {
                    ins.setString(1, group);
                    ins.setInt(2, shardId);
                    ins.setInt(3, i);
                    ins.setLong(4, migrationId);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            ShardCopier.rollbackQuietly(c);
            throw e;
        } finally {
            ShardCopier.restore(c, auto);
        }
    }

    /**
     * A writer's shared lock, taken in the writer's open transaction on the source, held until it ends.
     *
     * @param stripeSeed spreads writers over the stripes on backends without shared locks (e.g. a connection's
     *                   identity hash)
     * @throws SQLTransientException when the shard has moved (the writer's route is stale: retry the transaction)
     */
    public static void lockShared(Connection c, NodeDialect d, String group, int shardId, long migrationId,
                                  int stripeSeed) throws SQLException {
        int stripe = Math.floorMod(stripeSeed, stripes(d));
        try (PreparedStatement ps = c.prepareStatement("SELECT migration_id, moved FROM " + TABLE
                + " WHERE group_name = ? AND shard_id = ? AND stripe = ?" + d.shareLockClause())) {
            ps.setString(1, group);
            ps.setInt(2, shardId);
            ps.setInt(3, stripe);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getLong(1) != migrationId || rs.getInt(2) != 0) {
                    throw new SQLTransientException("shard " + shardId + " of group " + group
                            + " moved to another node while this transaction was routed; roll back and retry");
                }
            }
        }
    }

    /**
     * The cutover's exclusive lock on every stripe, in the cutover's own transaction on {@code c}, waiting at most
     * {@code waitMillis} for writers' transactions to end.
     *
     * @return false when writers held the fence longer than that (the cutover gives up and retries later)
     */
    public static boolean lockExclusive(Connection c, String group, int shardId, long waitMillis) throws SQLException {
        NodeDialect d = NodeDialect.of(c);
        c.setAutoCommit(false);
        d.setLockTimeout(c, waitMillis);
        try (PreparedStatement ps = c.prepareStatement("SELECT stripe FROM " + TABLE
                + " WHERE group_name = ? AND shard_id = ? FOR UPDATE")) {
            ps.setString(1, group);
            ps.setInt(2, shardId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getInt(1);
                }
            }
            return true;
        } catch (SQLException e) {
            if (isLockTimeout(e)) {
                ShardCopier.rollbackQuietly(c);
                return false;
            }
            throw e;
        } finally {
            try {
                d.resetLockTimeout(c);
            } catch (SQLException ignored) {
                // the transaction is rolled back or committed by the caller either way
            }
        }
    }

    /** Marks the fence moved inside the cutover's transaction; committing it releases waiting writers to fail. */
    public static void markMoved(Connection c, String group, int shardId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET moved = 1"
                + " WHERE group_name = ? AND shard_id = ?")) {
            ps.setString(1, group);
            ps.setInt(2, shardId);
            ps.executeUpdate();
        }
    }

    /** Removes a finished migration's fence rows (they are never read again once the shard left the node). */
    public static void remove(Connection c, String group, int shardId, long migrationId) throws SQLException {
        if (TableDefinition.storedName(c, TABLE) == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE
                + " WHERE group_name = ? AND shard_id = ? AND migration_id = ?")) {
            ps.setString(1, group);
            ps.setInt(2, shardId);
            ps.setLong(3, migrationId);
            ps.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    static boolean isLockTimeout(SQLException e) {
        String state = e.getSQLState();
        // H2: 50200 lock timeout, 40001 deadlock; PostgreSQL: 55P03 lock_not_available; MySQL: 40001 / HY000 1205
        return "50200".equals(state) || "55P03".equals(state) || "40001".equals(state) || e.getErrorCode() == 1205
                || e instanceof java.sql.SQLTimeoutException;
    }
}
