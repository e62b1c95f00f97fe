package io.shardwise.router.migration;

import java.sql.Connection;
import java.sql.SQLException;

/** Physical connections to backend nodes by node id (the router's pools in production, plain DataSources in tests). */
@FunctionalInterface
public interface NodeConnections {
    Connection open(String node) throws SQLException;
}
