package io.shardwise;

import java.sql.SQLException;
import java.util.List;

/** Administrative operations of a Shardwise cluster, reachable from {@link ShardwiseConnection#admin()}. */
public interface ShardwiseAdmin {

    /** Every shard of every group, as {@code SHOW SHARDWISE SHARDS} returns them. */
    List<ShardInfo> shards() throws SQLException;
}
