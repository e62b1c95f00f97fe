package io.shardwise.router.topology.zookeeper;

import java.sql.SQLTransientException;

/**
 * Another driver instance saved a topology first: this instance has re-read it, and the change must be derived
 * again from the new topology. Transient: retrying the whole change (not the same snapshot) succeeds.
 */
public final class TopologyConflictException extends SQLTransientException {
    public TopologyConflictException(String message) {
        super(message, "40001");
    }
}
