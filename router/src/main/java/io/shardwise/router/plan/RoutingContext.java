package io.shardwise.router.plan;

import io.shardwise.router.config.NodeSpec;
import io.shardwise.router.sql.SqlDialectKind;
import io.shardwise.router.topology.LiveTopology;
import java.util.List;

/** What every plan needs at route time: the live topology, the node ids, the default node, the dialect. */
public record RoutingContext(LiveTopology topology, List<String> nodes, String defaultNode, SqlDialectKind dialect) {

    static List<String> ids(List<NodeSpec> specs) {
        return specs.stream().map(NodeSpec::id).toList();
    }
}
