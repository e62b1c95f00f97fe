package io.shardwise.router.plan;

import io.shardwise.router.topology.GroupTopology;
import io.shardwise.router.topology.KeyPoints;
import io.shardwise.router.topology.Topology;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An INSERT ... VALUES into a sharded table. Each row's shard key (a literal or a placeholder) picks its node. When
 * every row lands on one node (always, for one row) that node gets the application's own text; otherwise each node
 * gets an INSERT with just its rows, cut from the application's text (so every dialect feature of the rows and of
 * any trailing clause survives), with its own parameter values.
 */
final class InsertPlan implements StatementPlan {
    /** One VALUES row: where its key comes from, its text, and the application placeholders inside it. */
    record Row(ValueSource key, String text, int[] params) {
    }

    private final String sql;
    private final int parameterCount;
    private final RoutingContext context;
    private final String group;
    private final List<Row> rows;
    private final String prefix;
    private final int[] prefixParams;
    private final String suffix;
    private final int[] suffixParams;
    private final SingleRoutes singles;
    private final SingleRoutes unkeyedSingles;
    private final String splitRefusal;

    InsertPlan(String sql, int parameterCount, RoutingContext context, String group, List<Row> rows,
               String prefix, int[] prefixParams, String suffix, int[] suffixParams, boolean returning,
               String splitRefusal) {
        this.sql = sql;
        this.parameterCount = parameterCount;
        this.context = context;
        this.group = group;
        this.rows = rows;
        this.prefix = prefix;
        this.prefixParams = prefixParams;
        this.suffix = suffix;
        this.suffixParams = suffixParams;
        this.splitRefusal = splitRefusal;
        GroupTopology g = context.topology().current().group(group);
        this.singles = new SingleRoutes(context.nodes(), sql, returning, true, group,
                g == null ? null : g.strategy(), rows.size() == 1 ? rows.get(0).key() : null);
        this.unkeyedSingles = rows.size() == 1 ? singles
                : new SingleRoutes(context.nodes(), sql, returning, true, group, g == null ? null : g.strategy(), null);
    }

    @Override
    public StatementKind kind() {
        return StatementKind.INSERT;
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
        GroupTopology g = t.group(group);
        if (g == null) {
            throw new SQLException("The topology has no group " + group, "55000");
        }
        if (rows.size() == 1) {
            return singles.to(nodeOf(g, rows.get(0), params));
        }
        String[] nodes = new String[rows.size()];
        boolean same = true;
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = nodeOf(g, rows.get(i), params);
            same &= nodes[i].equals(nodes[0]);
        }
        if (same) {
            return unkeyedSingles.to(nodes[0]);
        }
        if (splitRefusal != null) {
            throw new SQLException(splitRefusal, "0A000");
        }
        Map<String, List<Row>> byNode = new LinkedHashMap<>();
        for (int i = 0; i < nodes.length; i++) {
            byNode.computeIfAbsent(nodes[i], k -> new ArrayList<>()).add(rows.get(i));
        }
        List<NodeStatement> statements = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : byNode.entrySet()) {
            StringBuilder text = new StringBuilder(prefix);
            List<Object> values = new ArrayList<>();
            addParams(values, prefixParams, params);
            boolean first = true;
            for (Row r : e.getValue()) {
                text.append(first ? "" : ", ").append(r.text());
                addParams(values, r.params(), params);
                first = false;
            }
            text.append(suffix);
            addParams(values, suffixParams, params);
            statements.add(new NodeStatement(e.getKey(), text.toString(), values.toArray()));
        }
        return new Route(statements, null, unkeyedSingles.to(nodes[0]).returnsResultSet(), true, group,
                g.strategy(), 0, null);
    }

    /** Every row's shard-key value (for the migration write path's per-row queue records). */
    @Override
    public List<Object> writeKeys(ParameterSource params) {
        List<Object> keys = new ArrayList<>(rows.size());
        for (Row r : rows) {
            keys.add(r.key().value(params));
        }
        return keys;
    }

    private static void addParams(List<Object> into, int[] indexes, ParameterSource params) {
        for (int i : indexes) {
            into.add(params.parameter(i));
        }
    }

    private String nodeOf(GroupTopology g, Row row, ParameterSource params) throws SQLException {
        Object v = row.key().value(params);
        if (v == null) {
            throw new SQLException("The shard key of " + group + " must not be NULL in an INSERT", "23502");
        }
        return g.shardFor(KeyPoints.point(g.strategy(), v)).node();
    }
}
