package io.shardwise.driver.keys;

import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.config.NodeSpec;
import io.shardwise.router.keys.DdlKeyStriding;
import io.shardwise.router.keys.KeyStride;
import io.shardwise.router.plan.NodeStatement;
import io.shardwise.router.plan.Route;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * After DDL ran through the driver: on every node it ran on, a table it created gets its identity/serial columns on
 * that node's key stride, so no two nodes ever generate the same id (docs/backends.md). DDL is rare, so this is off
 * the hot path; a statement of any other kind never gets here.
 */
public final class DdlKeyStrides {

    /** The logical connection's physical connection to a node (the one the DDL ran on). */
    @FunctionalInterface
    public interface NodeConnection {
        Connection get(String node) throws SQLException;
    }

    private DdlKeyStrides() {
    }

    public static void afterDdl(ClusterSpec spec, Route route, NodeConnection nodes) throws SQLException {
        List<String> ids = spec.nodes().stream().map(NodeSpec::id).toList();
        for (NodeStatement ns : route.statements()) {
            try {
                DdlKeyStriding.afterDdl(ns.sql(), spec.dialect(), nodes.get(ns.node()),
                        KeyStride.ofNode(ids, ns.node(), KeyStride.DEFAULT_STRIDE));
            } catch (SQLException e) {
                throw new SQLException("The table was created, but its generated keys could not be put on node "
                        + ns.node() + "'s key stride, so that node could hand out ids another node also hands out: "
                        + e.getMessage(), e.getSQLState(), e);
            }
        }
    }
}
