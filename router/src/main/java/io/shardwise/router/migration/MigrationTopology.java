package io.shardwise.router.migration;

import java.sql.SQLException;
import java.util.Set;

/**
 * What the migration engine needs from the topology: the shard's current definition and owner, and durable state
 * changes. Every method that changes something returns only once the change is persisted, so a crash right after
 * it leaves the persisted topology saying what happened (the flip above all: persisted before any write goes to
 * the new owner).
 */
public interface MigrationTopology {

    /** The shard's key space and tables as the current topology has them. */
    ShardSlice slice(int shardId) throws SQLException;

    String owner(int shardId) throws SQLException;

    Set<String> nodes();

    /** The node that owns key point {@code point} of {@code group} now. */
    String ownerOf(String group, long point);

    /** The router's key-point function for the group (for a slice persisted with a migration record). */
    KeyPointFunction keyPoints(String group);

    /** The group's tables (for a slice persisted with a migration record). */
    java.util.List<io.shardwise.router.config.TableSpec> tables(String group);

    /**
     * Persists the shard's migration state (shown in SHOW SHARDWISE SHARDS); the owner does not change.
     *
     * @param state  COPYING, CATCHING_UP or CUTOVER; null for stable (the move ended or was rolled back)
     * @param target the node the shard is moving to; null with a null state
     */
    void markState(int shardId, MigrationState state, String target) throws SQLException;

    /** Persists: owner of the shard = {@code to}, shard stable. Returns after the change is durable. */
    void flipOwner(int shardId, String from, String to) throws SQLException;

    /**
     * Whether a writer that routed a write of {@code point} (or of an unknown key when {@code keyKnown} is false)
     * to shard {@code shardId} on {@code node} still routes there under the current topology.
     */
    boolean stillRoutes(int shardId, String node, long point, boolean keyKnown);

    /**
     * Before every write to a sharded table: refuses it (SQLTransientException) while this driver instance may be
     * routing by an old topology (it lost its ZooKeeper session; docs/zookeeper.md). Nothing to check by default.
     */
    default void checkWritable() throws SQLException {
    }
}
