package io.shardwise.router.plan;

import java.sql.SQLException;

/**
 * A parsed and analysed statement, cached by SQL text and shared by every connection that runs the same text.
 * Immutable and thread-safe. Routing reads the current topology, so a plan stays valid across migrations.
 */
public interface StatementPlan {

    StatementKind kind();

    /** The application's SQL text this plan was made for. */
    String sql();

    /** How many {@code ?} placeholders the application's text has. */
    int parameterCount();

    /**
     * Where one execution goes, given the values bound to the application's placeholders.
     *
     * @throws java.sql.SQLException naming the reason when the statement cannot be routed safely with these values
     */
    Route route(ParameterSource params) throws SQLException;

    /**
     * The shard-key values a write touches, one per row, when the plan can name them although the route has no
     * single key (a multi-row INSERT); null when it cannot (the migration write path then treats the write as one
     * without a shard key). Used only while a shard of the group is moving.
     */
    default java.util.List<Object> writeKeys(ParameterSource params) {
        return null;
    }
}
