package io.shardwise.router.migration;

import java.sql.SQLTransientException;

/**
 * The topology changed between routing a write and entering its shard's gate (an owner flip or a split happened
 * in between). Nothing was executed: the driver routes the statement again with the current topology.
 */
public final class StaleRouteException extends SQLTransientException {
    public StaleRouteException(int shardId, String node) {
        super("shard " + shardId + " is no longer routed to node " + node + " (the topology changed while the"
                + " statement was being routed); route again", "40001");
    }
}
