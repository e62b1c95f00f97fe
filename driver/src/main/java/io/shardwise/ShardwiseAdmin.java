package io.shardwise;

import java.sql.SQLException;
import java.util.List;

/** Administrative operations of a Shardwise cluster, reachable from {@link ShardwiseConnection#admin()}. */
public interface ShardwiseAdmin {

    /** Every shard of every group, as {@code SHOW SHARDWISE SHARDS} returns them. */
    List<ShardInfo> shards() throws SQLException;

    // ---- online migration and pre-migration sharding (docs/migration.md); the SHARDWISE ... statements do the same

    /**
     * Splits a range shard in place (metadata only) at {@code at}: a key value for RANGE groups, a hash point for
     * HASH groups. Returns the new shard (the upper part).
     */
    ShardInfo splitShard(long shardId, long at) throws SQLException;

    /** Gives one key value a shard of its own, on the node that holds it now (metadata only). Returns that shard. */
    ShardInfo pinKey(String group, Object key) throws SQLException;

    /** Merges two shards of one group that live on one node (metadata only). Returns the merged shard. */
    ShardInfo mergeShards(long firstShardId, long secondShardId) throws SQLException;

    /** Moves a shard to {@code node} online and waits until the owner has flipped (or the move failed). */
    MigrationInfo moveShard(long shardId, String node) throws SQLException;

    /** Starts moving a shard and returns at once; follow it with {@link #migrations()}. */
    MigrationInfo moveShardAsync(long shardId, String node) throws SQLException;

    /** Every migration the cluster's metadata remembers, oldest first. */
    List<MigrationInfo> migrations() throws SQLException;

    /** The re-sharding controller's decisions, oldest first; empty unless {@code resharding.enabled=true}. */
    List<DecisionInfo> decisions() throws SQLException;

    /** Stops a migration before its cutover; the shard stays on its source. */
    MigrationInfo cancelMigration(long migrationId) throws SQLException;

    /** Compares a moving shard's rows on source and target (or fingerprints a stable shard on its owner). */
    ShardVerification verifyShard(long shardId) throws SQLException;

    // ---- the profiler (docs/profiler.md); SHOW SHARDWISE HOTSPOTS / FORECAST and SHARDWISE PLAN do the same

    /** Hot keys and key segments of every group, hottest predicted first. */
    List<HotspotInfo> hotspots() throws SQLException;

    /** Per shard: the last step's load, the predicted next one, the chosen model and its backtest error. */
    List<ShardForecastInfo> forecast() throws SQLException;

    /** The latest proposal for balancing predicted load across nodes. Changes nothing. */
    PlanInfo plan() throws SQLException;
}
