package io.shardwise.router.plan;

import java.sql.SQLException;
import java.util.List;

/** How a statement runs on several nodes: what each node runs and how the results combine. */
interface ScatterQuery {
    Route route(List<String> nodes, ParameterSource params) throws SQLException;
}
