package io.shardwise.driver.admin;

import io.shardwise.driver.runtime.ClusterRuntime;
import java.sql.Connection;
import java.sql.Statement;

/**
 * What an admin command can reach: the cluster's runtime, the application's logical connection and the statement
 * its result set belongs to.
 */
public record AdminContext(ClusterRuntime runtime, Connection connection, Statement statement) {
}
