package io.shardwise.router.migration;

import io.shardwise.router.config.TableSpec;
import io.shardwise.router.topology.GroupTopology;
import io.shardwise.router.topology.Shard;
import io.shardwise.router.topology.ShardingStrategy;
import io.shardwise.router.topology.Topology;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Row counts per shard for SHOW SHARDWISE SHARDS, summed over the group's tables on the shard's owner. RANGE shards
 * are counted exactly through the shard-key index (range shards include their pinned-away keys, which hold few
 * rows); HASH shards are estimated: the table's rows on the node times the shard's share of the hash space the node
 * owns in that group (the database cannot evaluate our hash, and a full key scan per SHOW would be too dear).
 */
public final class ShardRowEstimator {
    private ShardRowEstimator() {
    }

    /** @return shard id -> estimated rows; shards whose node could not be asked are missing */
    public static Map<Integer, Long> estimate(Topology topology, List<TableSpec> tables, NodeConnections nodes) {
        Map<Integer, Long> out = new HashMap<>();
        Map<String, Connection> open = new HashMap<>();
        try {
            for (GroupTopology g : topology.groups().values()) {
                for (Shard s : g.shards()) {
                    try {
                        Connection c = open.get(s.node());
                        if (c == null) {
                            c = nodes.open(s.node());
                            open.put(s.node(), c);
                        }
                        long rows = 0;
                        for (TableSpec t : tables) {
                            if (t.group().equals(g.name())) {
                                rows += count(c, g, s, t);
                            }
                        }
                        out.put(s.id(), rows);
                    } catch (SQLException e) {
                        // unreachable node or missing table: no estimate for this shard
                    }
                }
            }
        } finally {
            for (Connection c : open.values()) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // returned to the pool broken; the pool discards it
                }
            }
        }
        return out;
    }

    private static long count(Connection c, GroupTopology g, Shard s, TableSpec t) throws SQLException {
        if (TableDefinition.storedName(c, t.name()) == null) {
            return 0;
        }
        if (g.strategy() == ShardingStrategy.RANGE) {
            if (s.isPinned()) {
                return scalar(c, "SELECT COUNT(*) FROM " + t.name() + " WHERE " + t.shardKey() + " IN ("
                        + ShardTableSql.placeholders(s.pinned().length) + ")", s.pinned());
            }
            return scalar(c, "SELECT COUNT(*) FROM " + t.name() + " WHERE " + t.shardKey() + " >= ? AND "
                    + t.shardKey() + " <= ?", new long[] {s.lo(), s.lastPoint()});
        }
        long all = scalar(c, "SELECT COUNT(*) FROM " + t.name(), new long[0]);
        double mine = width(s);
        double onNode = 0;
        for (Shard other : g.shards()) {
            if (other.node().equals(s.node())) {
                onNode += width(other);
            }
        }
        return onNode <= 0 ? 0 : Math.round(all * mine / onNode);
    }

    private static double width(Shard s) {
        return s.isPinned() ? s.pinned().length : (double) s.lastPoint() - (double) s.lo() + 1;
    }

    private static long scalar(Connection c, String sql, long[] args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setLong(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
