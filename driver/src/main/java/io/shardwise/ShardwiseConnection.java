package io.shardwise;

import java.sql.Connection;
import java.util.Set;

/**
 * A Shardwise logical connection: {@code connection.unwrap(ShardwiseConnection.class)}. It opens at most one
 * physical connection per backend node it touches.
 */
public interface ShardwiseConnection extends Connection {

    /** Administrative operations on the cluster behind this connection. */
    ShardwiseAdmin admin();

    /** The ids of the nodes this connection currently holds a physical connection to. */
    Set<String> openNodes();
}
