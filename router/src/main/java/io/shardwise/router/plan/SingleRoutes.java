package io.shardwise.router.plan;

import io.shardwise.router.topology.ShardingStrategy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One prebuilt single-node Route per node for a plan: the application's own text and parameters, so routing a
 * statement to one node allocates nothing.
 */
final class SingleRoutes {
    private final Map<String, Route> byNode = new HashMap<>();

    SingleRoutes(List<String> nodes, String sql, boolean query, boolean write, String group,
                 ShardingStrategy strategy, ValueSource key) {
        int keyParameter = key instanceof ValueSource.Param p ? p.index() : 0;
        Object keyLiteral = key instanceof ValueSource.Literal l ? l.literal() : null;
        for (String node : nodes) {
            byNode.put(node, new Route(List.of(new NodeStatement(node, sql, null)), null, query, write, group,
                    strategy, keyParameter, keyLiteral));
        }
    }

    Route to(String node) {
        Route r = byNode.get(node);
        if (r == null) {
            throw new IllegalStateException("the topology names node " + node + ", which is not configured");
        }
        return r;
    }
}
