package io.shardwise.router.plan;

import io.shardwise.router.plan.StatementAnalysis.Component;
import io.shardwise.router.topology.GroupTopology;
import io.shardwise.router.topology.KeyPoints;
import io.shardwise.router.topology.Shard;
import io.shardwise.router.topology.Topology;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A SELECT, UPDATE or DELETE on sharded tables.
 *
 * <p>Keyed mode (one co-located component in the main query block): the key's values pick the shards; one node
 * gets the application's own text (the prebuilt route, no allocation), several nodes get the scatter form.
 *
 * <p>Pinned mode (several components: tables of different groups, sharded tables not joined on the key, sharded
 * subqueries that are not correlated on the key, plain tables next to sharded ones): every component's key must
 * resolve to one node, the same for all (the default node when plain tables take part); otherwise the statement is
 * refused, because no single node holds all the rows it reads.
 */
final class ShardedPlan implements StatementPlan {
    private final StatementKind kind;
    private final String sql;
    private final int parameterCount;
    private final RoutingContext context;
    private final List<Component> components;
    private final boolean pinned;
    private final boolean needsDefaultNode;
    private final ValueSource singleKey;
    private final SingleRoutes singles;
    private final ScatterQuery scatter;
    private final String refusal;

    ShardedPlan(StatementKind kind, String sql, int parameterCount, RoutingContext context,
                List<Component> components, boolean pinned, boolean needsDefaultNode, ScatterQuery scatter,
                String refusal, boolean returnsRows) {
        this.kind = kind;
        this.sql = sql;
        this.parameterCount = parameterCount;
        this.context = context;
        this.components = components;
        this.pinned = pinned;
        this.needsDefaultNode = needsDefaultNode;
        this.scatter = scatter;
        this.refusal = refusal;
        Component first = components.get(0);
        this.singleKey = !pinned && first.restriction() instanceof KeyCondition.Eq eq ? eq.value() : null;
        Topology t = context.topology().current();
        GroupTopology g = t.group(first.group());
        this.singles = new SingleRoutes(context.nodes(), sql, returnsRows, kind.isWrite(), first.group(),
                g == null ? null : g.strategy(), singleKey);
    }

    @Override
    public StatementKind kind() {
        return kind;
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public int parameterCount() {
        return parameterCount;
    }

    @Override
    public Route route(ParameterSource params) throws SQLException {
        Topology t = context.topology().current();
        if (pinned) {
            return pinnedRoute(t, params);
        }
        Component c = components.get(0);
        GroupTopology g = group(t, c.group());
        if (singleKey != null) {
            Object v = singleKey.value(params);
            if (v != null) {
                Shard s = g.shardFor(KeyPoints.point(g.strategy(), v));
                return singles.to(s.node());
            }
        }
        Set<String> nodes = nodesFor(g, c.restriction().points(g.strategy(), params));
        if (nodes.size() == 1) {
            return singles.to(nodes.iterator().next());
        }
        if (refusal != null) {
            throw new SQLException(refusal, "0A000");
        }
        return scatter.route(new ArrayList<>(nodes), params);
    }

    private Route pinnedRoute(Topology t, ParameterSource params) throws SQLException {
        String node = needsDefaultNode ? context.defaultNode() : null;
        String why = needsDefaultNode ? "the plain tables live on the default node " + node : null;
        for (Component c : components) {
            GroupTopology g = group(t, c.group());
            PointSet points = c.restriction().points(g.strategy(), params);
            if (points.isEmpty()) {
                continue; // matches no row of this component: any node answers correctly
            }
            Set<String> nodes = points.isAll() ? new LinkedHashSet<>(g.nodes()) : nodesFor(g, points);
            if (nodes.size() != 1) {
                throw new SQLException(refusal + " (the values given for " + c.tables() + " reach nodes " + nodes
                        + ")", "0A000");
            }
            String n = nodes.iterator().next();
            if (node == null) {
                node = n;
                why = c.tables() + " is on node " + n;
            } else if (!node.equals(n)) {
                throw new SQLException(refusal + " (" + why + " but " + c.tables() + " is on node " + n + ")",
                        "0A000");
            }
        }
        return singles.to(node != null ? node : group(t, components.get(0).group()).nodes().get(0));
    }

    private static GroupTopology group(Topology t, String name) throws SQLException {
        GroupTopology g = t.group(name);
        if (g == null) {
            throw new SQLException("The topology has no group " + name + ": restart the driver so it adds the"
                    + " groups of its configuration", "55000");
        }
        return g;
    }

    /** The owners of every shard that may hold a point of {@code points}; the group's first node when empty. */
    static Set<String> nodesFor(GroupTopology g, PointSet points) {
        Set<String> nodes = new LinkedHashSet<>();
        if (points.isAll()) {
            nodes.addAll(g.nodes());
        } else if (points.isEmpty()) {
            nodes.add(g.nodes().get(0));
        } else {
            for (int i = 0; i < points.size(); i++) {
                if (points.lo(i) == points.hi(i)) {
                    nodes.add(g.shardFor(points.lo(i)).node());
                } else {
                    for (Shard s : g.shardsBetween(points.lo(i), points.hi(i))) {
                        nodes.add(s.node());
                    }
                }
            }
        }
        return nodes;
    }

    @Override
    public String toString() {
        return kind + (pinned ? " pinned " : " keyed ") + components;
    }
}
